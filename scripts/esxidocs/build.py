"""Build the whole site in a staging folder, check it, and only then swap it in for the old one.

    esxidocs build [--site-dir site] [--config mkdocs.yml] [--format text|github] [--wait]

The pipeline, each step a child process: validate the sources (esxidocs validate) ->
strict MkDocs build -> PDF books (esxidocs pdf) -> offline ZIP (esxidocs offline) ->
validate the built site (esxidocs validate --site-dir) -> swap. Validator warnings are
printed and do not block; errors do, so nothing the validator rejects is ever published.
`make build` and `make check` both run it.

Why staging: `mkdocs build` empties its output folder first, so building into `site/`
would leave a broken or empty site whenever a step fails. Everything is built inside
`.<name>-build-XXXXXXXX/` beside the output folder (the new site, and TMPDIR for the steps);
a failure or an interruption deletes that folder and leaves the previous site as it was.

Why the rest (esxidocs/sitebuild/):
- the output folder is checked before anything is touched (guard.py): never the project,
  a source folder or a folder above one, never a non-empty folder that is not a previous
  MkDocs build, since the old output is deleted at the end; refused with exit status 2;
- one build per output folder (lock.py): a second build exits 75 at once (or waits, with
  --wait); the lock holder deletes staging folders that SIGKILLed builds left behind;
- SIGINT, SIGTERM and SIGHUP stop the running step with its whole process group, delete
  the staging folder and exit 128 + the signal number (proc.py);
- files are published 0644 and folders 0755 whatever the umask, and the new site takes the
  old one's place in one atomic rename exchange, so there is no moment without a site
  (swap.py); the old tree is deleted afterwards.

SOURCE_DATE_EPOCH defaults to the last commit's time, as in the Makefile, so two builds of
one commit give the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from esxidocs import cliargs
from esxidocs.sitebuild import guard, lock, proc, swap

EX_TEMPFAIL = 75  # sysexits.h: try again later (another build holds the lock)


@dataclass(frozen=True)
class Step:
    name: str
    cmd: list[str]


def validation(config: Path, fmt: str, site: Path | None = None) -> Step:
    cmd = [sys.executable, "-m", "esxidocs", "validate", "--config", str(config)]
    cmd += ["--format", fmt]
    if site is None:
        return Step("validating the sources", cmd)
    return Step("validating the built site", [*cmd, "--site-dir", str(site)])


def build_steps(config: Path, staging: Path) -> list[Step]:
    py = sys.executable
    common = ["--config", str(config), "--site-dir", str(staging)]
    mkdocs = ["--config-file", str(config), "--site-dir", str(staging)]
    return [
        # No --quiet: MkDocs then stops counting warnings and --strict no longer fails.
        Step("mkdocs build --strict", [py, "-m", "mkdocs", "build", "--strict", *mkdocs]),
        Step("the PDF books", [py, "-m", "esxidocs", "pdf", *common]),
        Step("the offline copy", [py, "-m", "esxidocs", "offline", *common]),
    ]


def run_step(step: Step, env: dict[str, str], shown: set[str] | None = None) -> int:
    """Run one step; show what it says except MkDocs' INFO chatter and the lines in
    `shown` (the built-site validation repeats the source warnings); add to `shown`."""
    status, output = proc.run(step.cmd, env)
    if status < 0:  # killed by a signal (the OOM killer, say): report it as a shell does
        status = 128 - status
    for line in output.splitlines():
        if line.strip() and not line.startswith("INFO") and line not in (shown or ()):
            print(line, file=sys.stderr)
        if shown is not None:
            shown.add(line)
    if status != 0:
        cliargs.say("build", f"{step.name} failed (exit status {status})")
    return status


def staging_pattern(site: Path) -> re.Pattern[str]:
    """Names of this output's staging folders (mkdtemp's 8 characters), and of the
    `.<name>-old-<pid>` folders of builds before the exchange existed."""
    name = re.escape(site.name)
    return re.compile(rf"\.{name}-build-[a-z0-9_]{{8}}|\.{name}-old-[0-9]+")


def remove_stale(site: Path) -> None:
    """Delete what killed builds left beside `site`; only ever called under the lock."""
    pattern = staging_pattern(site)
    for entry in site.parent.iterdir():
        if pattern.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            cliargs.say("build", f"removing {entry}, left by an interrupted build")
            shutil.rmtree(entry, ignore_errors=True)


def child_env(config: Path) -> dict[str, str]:
    # ESXI_ARTEFACTS: this build makes the PDFs and the ZIP, so pages may link to them
    # (`extra.artefacts` in mkdocs.yml; a plain `mkdocs build` links to neither).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ESXI_ARTEFACTS": "1"}
    if env.get("SOURCE_DATE_EPOCH"):
        return env
    try:
        last = subprocess.run(
            ["git", "-C", str(config.parent), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git: the steps use the current time
        return env
    if last.returncode == 0 and last.stdout.strip().isdigit():
        env["SOURCE_DATE_EPOCH"] = last.stdout.strip()
    return env


def build_and_swap(config: Path, site: Path, fmt: str, env: dict[str, str]) -> int:
    """The pipeline, under the lock; the staging folder never outlives it."""
    remove_stale(site)
    shown: set[str] = set()
    status = run_step(validation(config, fmt), env, shown)
    if status != 0:
        return status
    with proc.deferred():  # an interruption cannot fall between mkdtemp and the try
        container = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    try:
        staging, tmp = container / site.name, container / "tmp"
        tmp.mkdir()
        env = {**env, "TMPDIR": str(tmp)}  # offline.py's and WeasyPrint's temporary files
        for step in build_steps(config, staging):
            status = run_step(step, env)
            if status != 0:
                return status
        swap.make_public(staging)
        status = run_step(validation(config, fmt, staging), env, shown)
        if status != 0:
            return status
        with proc.deferred():  # a signal now waits for the swap to be whole
            swap.put_in_place(staging, site, container / "old")
        return 0
    finally:
        with proc.deferred():  # and for the staging folder (or the old site) to be gone
            shutil.rmtree(container, ignore_errors=True)


def build(config: Path, site_dir: Path, fmt: str = "text", wait: bool = False) -> int:
    """Build `config` into `site_dir`; 0, a failing step's status, 2, 75 or 128 + signal."""
    if not config.is_file():
        cliargs.say("build", f"{config}: config file not found")
        return 2
    try:
        site = guard.check_output(site_dir, config)
    except guard.Refused as exc:
        cliargs.say("build", str(exc))
        return 2
    env = child_env(config)
    with proc.interruptible():
        try:
            site.parent.mkdir(parents=True, exist_ok=True)
            with lock.exclusive(site, wait):
                status = build_and_swap(config, site, fmt, env)
        except lock.Busy as exc:
            cliargs.say("build", f"{exc}; wait for it, or pass --wait")
            return EX_TEMPFAIL
        except proc.Interrupted as exc:
            cliargs.say("build", f"interrupted ({exc}); staging folder removed")
            return exc.status
        except OSError as exc:  # e.g. no permission to write beside the output folder
            cliargs.say("build", f"{exc}; {site} left as it was")
            return 1
    if status != 0:
        cliargs.say("build", f"nothing published; {site} left as it was")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = cliargs.parser(
        "build",
        __doc__.splitlines()[0],
        epilog="exit status: 0 published; 1 (or a step's status) a step failed; 2 refused "
        "output folder or usage error; 75 another build holds the lock; 128 + N stopped by "
        "signal N (130 Ctrl-C, 143 SIGTERM)",
    )
    cliargs.add_config(parser)
    cliargs.add_site_dir(parser, "output folder")
    # Not json: the two validator runs (sources, built site) would print two documents.
    cliargs.add_format(parser, ("text", "github"))
    parser.add_argument(
        "--wait", action="store_true", help="wait for another build of this folder to end"
    )
    args = parser.parse_args(argv)
    return build(args.config.resolve(), args.site_dir, args.format, args.wait)


if __name__ == "__main__":
    sys.exit(main())
