"""Build the whole site into a fresh folder, then swap it in place of the old one.

Steps: the strict MkDocs build, the PDF books (scripts/pdf.py), the offline copy
(scripts/offline.py). `mkdocs build` cleans its output folder first, so building into
`site/` directly would leave a broken or empty site when any step fails. Building into a
sibling staging folder and renaming only on success keeps the previous site intact.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent


def steps(config: Path, staging: Path) -> list[list[str]]:
    py = sys.executable
    common = ["--config", str(config), "--site-dir", str(staging)]
    mkdocs = ["--config-file", str(config), "--site-dir", str(staging)]
    return [
        # No --quiet: MkDocs then stops counting warnings and --strict no longer fails.
        [py, "-m", "mkdocs", "build", "--strict", *mkdocs],
        [py, str(SCRIPTS / "pdf.py"), *common],
        [py, str(SCRIPTS / "offline.py"), *common],
    ]


def run(cmd: list[str], env: dict[str, str]) -> int:
    """Run one step; show what it says except MkDocs' INFO chatter."""
    result = subprocess.run(cmd, env=env, check=False, capture_output=True, text=True)
    for line in (result.stdout + result.stderr).splitlines():
        if line.strip() and not line.startswith("INFO"):
            print(line, file=sys.stderr)
    return result.returncode


def build(config: Path, site_dir: Path) -> int:
    """Build `config` into `site_dir`; return the first failing step's exit status."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for cmd in steps(config, staging):
        status = run(cmd, env)
        if status != 0:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"build failed; {site_dir} left as it was", file=sys.stderr)
            return status
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    old = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder")
    args = parser.parse_args(argv)
    return build(args.config.resolve(), args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
