"""The site's build code, one installed package (`pip install -e .`, pyproject.toml).

Where things live:

- `site_model`: languages, page URLs, artefact paths and UI strings (one model of the site).
- `plugin`: the one MkDocs entry point (`plugins: [esxidocs]`); `hooks/` are its stages.
- `validator/`, `pdfbook/`, `sitebuild/`, `diagrams`: one job each; `cli`: one command per job.
"""
