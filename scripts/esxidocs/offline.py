"""Build the offline copy (both languages, browsable from file://) and pack it as a ZIP.

    esxidocs offline [--site-dir site] [--config mkdocs.yml]

A second MkDocs build with Material's offline plugin on (OFFLINE=true: page URLs end in
.html, search runs without a server), separate from the public site, which keeps its
directory URLs. The PDFs already in --site-dir are copied in, so the copy's "Download PDF"
actions work too, and the result is written to <site-dir>/<artefacts.offline> (the paths
are in docs/_data/site.yml, read through the site model) with fixed timestamps and order,
so the same commit gives the same bytes.

The second build goes to a temporary folder under TMPDIR (`esxidocs/build.py` points TMPDIR
into its own staging folder) and runs through `sitebuild.proc.run`, as the build's own steps
do. SIGTERM and SIGHUP unwind like Ctrl-C: the MkDocs child is stopped, even when the signal
comes while it starts, and the temporary folder and a half-written ZIP are removed on the
way out.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from esxidocs import cliargs
from esxidocs.site_model import SiteModel, load_site
from esxidocs.sitebuild import proc


def build_offline(config: Path, out: Path) -> None:
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    status, output = proc.run([*cmd, "--site-dir", str(out)], env)
    if status != 0:
        sys.stderr.write(output)
        raise SystemExit(f"esxidocs offline: the offline build of {config} failed")


def copy_pdfs(site_dir: Path, out: Path, site: SiteModel) -> None:
    """Each language's PDF book, at the same path, if the built site has it."""
    for path in (site.pdf_path(locale) for locale in site.locales):
        if (site_dir / path).is_file():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site_dir / path, out / path)


def skipped(site: SiteModel) -> tuple[str, ...]:
    """Folders left out of the copy: the link-preview cards, for wikis that unfurl public
    URLs (useless offline), and the downloads folder the ZIP itself goes to."""
    paths = (site.artefacts["cards"], site.offline_path)
    return tuple(posixpath.dirname(path) + "/" for path in paths)


def zip_tree(tree: Path, archive: Path, epoch: int, top: str, skip: tuple[str, ...]) -> int:
    """Pack `tree` under `top`/ with every entry dated `epoch`, leaving out the folders in
    `skip`; return the number of files."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # ZIP cannot date before 1980
    files = sorted(
        p
        for p in tree.rglob("*")
        if p.is_file() and not p.relative_to(tree).as_posix().startswith(skip)
    )
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(".zip.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(tree).as_posix()}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
        partial.replace(archive)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = cliargs.parser("offline", __doc__.split("\n\n")[0])
    cliargs.add_config(parser)
    cliargs.add_site_dir(parser, "built site to add the ZIP to")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} holds no built site; run make build")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    site = load_site(args.config)
    top = site.artefacts["name"]  # the folder the archive unpacks into
    archive = args.site_dir / site.offline_path
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        out = Path(tmp) / top
        build_offline(args.config, out)
        copy_pdfs(args.site_dir, out, site)
        count = zip_tree(out, archive, epoch, top, skipped(site))
    size = archive.stat().st_size
    print(f"esxidocs offline: wrote {archive} ({count} files, {size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
