"""Build the site strictly into a fresh folder, then swap it in place of the old one.

`mkdocs build` cleans its output folder first, so a failed build would leave a broken or
empty `site/`. Building into a sibling temporary folder and renaming only on success keeps
the previous site intact whatever goes wrong.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build(config: Path, site_dir: Path) -> int:
    """Build `config` into `site_dir`; return the MkDocs exit status."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # No --quiet: MkDocs then stops counting warnings and --strict no longer fails.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    cmd += ["--config-file", str(config), "--site-dir", str(staging)]
    result = subprocess.run(cmd, env=env, check=False, capture_output=True, text=True)
    for line in (result.stdout + result.stderr).splitlines():
        if line.strip() and not line.startswith("INFO"):
            print(line, file=sys.stderr)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed; {site_dir} left as it was", file=sys.stderr)
        return result.returncode
    old = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder")
    args = parser.parse_args(argv)
    return build(args.config, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
