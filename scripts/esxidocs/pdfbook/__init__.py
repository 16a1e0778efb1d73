"""Offline PDF book: one WeasyPrint PDF per language, assembled from the built site.

`esxidocs pdf` is the command-line entry point; each module here does one step:
`settings` (what mkdocs.yml says), `provenance` (version and date), `chapters` (clean one
built page), `appendix` (the linking page as a one-page appendix), `links` (ids and hrefs
inside the book), `breaks` (where lines may break), `svg` (diagrams as vectors),
`book` (the HTML book), `glyphs` (every character has a glyph), `render` (WeasyPrint),
`cache` (an unchanged book copied from the build cache instead of rendered again).
The print CSS and the book template are in `templates/`, outside the theme, so the site
does not publish them.
"""
