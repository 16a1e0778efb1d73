"""Build stages: each module does one job at MkDocs events; esxidocs/plugin.py orders them."""
