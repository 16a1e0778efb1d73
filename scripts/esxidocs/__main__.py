"""`python -m esxidocs <command>`: the same as the `esxidocs` command (esxidocs/cli.py)."""

import sys

from esxidocs.cli import main

sys.exit(main())
