"""Write the offline PDF book of each language into a built site (see pdfbook/)."""

from __future__ import annotations

import sys

from pdfbook.cli import main

if __name__ == "__main__":
    sys.exit(main())
