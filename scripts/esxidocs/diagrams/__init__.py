"""The site's diagrams, drawn as SVG from `docs/_data/diagrams.yml` (`esxidocs diagrams`).

Where things live:

- `model.py`: the data as dataclasses; every text is a `Label`, locale -> text.
- `loader.py`: reads and checks the YAML (problems at `path:line:col`) for the site's
  languages, which come from `site_model.load_site(...).locales`.
- `metrics.py`: text widths from the real fonts' advances (fontTools); `wrap.py`: line breaks.
- `paint.py`: colours and the scoped stylesheet; `canvas.py`: SVG boxes, shapes and text.
- `figures/`: one module per figure, each registered by name in `registry.FIGURES`.
- `render.py`: every figure x language x variant to its file; `cli.py`: the command.

The build stage that inlines the SVGs into pages is `esxidocs/stages/diagrams.py`.
"""
