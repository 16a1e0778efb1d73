"""Validator for the bilingual MkDocs site: sources before the build, HTML after it.

`esxidocs validate` is the command line; `runner.run` does the work. Each module has
one job (front matter, Markdown scanning, links, parity, permalinks, built site,
external links, reporting); the error codes are listed in `codes.py`.
"""
