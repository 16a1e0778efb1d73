"""One module per figure; importing this package registers each in `FIGURES`.

The import order below is the order in which `esxidocs diagrams` writes them.
"""

from esxidocs.diagrams.figures import boot_banks, disk_layout, scratch_location
from esxidocs.diagrams.registry import FIGURES

__all__ = ["FIGURES", "boot_banks", "disk_layout", "scratch_location"]
