"""esxidocs/build.py: strict, warning-free, reproducible builds that publish only what
validates and never break the previous site, even when interrupted.

The module's project copy (`project`, with the repository's history, so pages get the same
dates) starts with the session's build in its site/ and that build's cache in its .cache/;
the tests rebuild it once, break it or interrupt it, and check that the site it holds stays
as it was. The rebuild, in another folder, must give the session build's bytes, PDFs and
ZIP included: what the cache gives back (cards, compiled templates, pages the confinement
check passed, the PDF books) is what a build without it made.
"""

from __future__ import annotations

import fcntl
import filecmp
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BUILD_ENV, LANGUAGES, ROOT, build_cache_of, build_log, copy_project
from esxidocs.site_model import load_site

BROKEN_LINK = "\n[roto](no-such-page.md)\n"


@dataclass(frozen=True)
class Built:
    root: Path  # the project copy
    site: Path  # root/site: the session's build, copied
    log: str  # what that build printed


def start_build(root: Path, *args: str, umask: int = -1) -> subprocess.Popen[str]:
    """build.py in its own session, so the signals a test sends reach only the build."""
    return subprocess.Popen(
        [sys.executable, "-m", "esxidocs", "build", "--site-dir", "site", *args],
        cwd=root,
        env=BUILD_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        umask=umask,
    )


def run_build(root: Path, *args: str, umask: int = -1) -> tuple[int, str]:
    proc = start_build(root, *args, umask=umask)
    output, _ = proc.communicate()
    return proc.returncode, output


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> Built:
    root = copy_project(tmp_path_factory.mktemp("build") / "project")
    shutil.copytree(ROOT / ".git", root / ".git", symlinks=True)  # the pages' dates
    shutil.copytree(built_site, root / "site", symlinks=True)
    shutil.copytree(build_cache_of(built_site), root / ".cache", symlinks=True)
    return Built(root, root / "site", build_log(built_site).read_text(encoding="utf-8"))


def tree_state(tree: Path) -> dict[str, tuple[int, int]]:
    """Every file under `tree` with its size and modification time."""
    return {
        p.relative_to(tree).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(tree.rglob("*"))
        if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    """Staging or old-site folders beside the site (the lock file is meant to stay)."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-") and p.is_dir())


def processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that contain `text` (e.g. a project path)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # the process ended while we looked
        if text in args and cmdline.parent.name != str(os.getpid()):
            found.append(args)
    return found


def wait_for(condition: Callable[[], object], what: str, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, f"timed out waiting until {what}"
        time.sleep(0.05)


@pytest.fixture
def broken_page(project: Built) -> Iterator[Path]:
    """The project's Spanish scratch page with a link to a page that does not exist."""
    page = project.root / "docs" / "es" / "scratch.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + BROKEN_LINK, encoding="utf-8")
    yield page
    page.write_text(text, encoding="utf-8")


def test_build_is_strict_and_logs_no_warning(project: Built) -> None:
    assert "WARNING" not in project.log, project.log
    assert (project.site / "index.html").is_file()
    assert (project.site / load_site(project.root / "mkdocs.yml").offline_path).is_file()


def differing_files(left: Path, right: Path) -> list[str]:
    """Relative paths that exist on one side only or whose bytes differ."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def test_rebuild_is_byte_identical_world_readable_and_replaces_the_site(
    project: Built, tmp_path: Path
) -> None:
    first = shutil.copytree(project.site, tmp_path / "first")
    old_index = (project.site / "index.html").stat().st_ino
    stale = project.root / ".site-build-k1ll3d_0"  # what a SIGKILLed build leaves
    (stale / "site").mkdir(parents=True)
    status, log = run_build(project.root, umask=0o077)
    assert status == 0, log
    assert (project.site / "index.html").stat().st_ino != old_index, "site/ was not replaced"
    assert differing_files(first, project.site) == []
    # Unchanged books are not laid out again (esxidocs/pdfbook/cache.py).
    assert log.count("unchanged, from the build cache") == len(LANGUAGES), log
    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap, "sitemap dates must follow the commit"
    # Published whatever the umask: a web server running as another user reads it all.
    tree = [project.site, *project.site.rglob("*")]
    assert {oct(p.stat().st_mode & 0o777) for p in tree if p.is_dir()} == {"0o755"}
    assert {oct(p.stat().st_mode & 0o777) for p in tree if not p.is_dir()} == {"0o644"}
    assert leftovers(project.root) == [], "the staging folder, old site or stale folder stayed"


def test_invalid_page_fails_before_building_and_keeps_the_site(
    project: Built, broken_page: Path
) -> None:
    before = tree_state(project.site)
    status, log = run_build(project.root)
    assert status == 1, log
    assert re.search(r"^docs/es/scratch\.md:\d+:\d+: error\[", log, re.M), log
    assert "validating the sources failed" in log, "the build ran on invalid sources"
    assert tree_state(project.site) == before
    assert leftovers(project.root) == []


def test_site_failing_validation_is_not_published(
    project: Built, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A built page the validator rejects: the staged site is checked before the swap."""
    from esxidocs import build

    def broken_build(config: Path, staging: Path) -> list[build.Step]:
        # Stands in for MkDocs, the PDFs and the ZIP: the old site plus one broken link.
        script = (
            "import shutil, sys; shutil.copytree(sys.argv[1], sys.argv[2]); "
            "open(sys.argv[2] + '/scratch/index.html', 'a').write('<a href=\"/nowhere/\">x</a>')"
        )
        return [
            build.Step(
                "fake build", [sys.executable, "-c", script, str(project.site), str(staging)]
            )
        ]

    monkeypatch.setattr(build, "build_steps", broken_build)
    monkeypatch.chdir(project.root)
    before = tree_state(project.site)
    status = build.build(project.root / "mkdocs.yml", Path("site"))
    log = capsys.readouterr().err
    assert status == 1, log
    assert re.search(r"\.site-build-\w+/site/scratch/index\.html:\d+:\d+: error\[", log), log
    assert tree_state(project.site) == before
    assert leftovers(project.root) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_stops_its_step_and_leaves_no_trace(
    project: Built, signum: signal.Signals
) -> None:
    """Ctrl-C or SIGTERM while MkDocs builds; a second build meanwhile is refused at once."""
    before = tree_state(project.site)
    first = start_build(project.root)
    wait_for(
        lambda: any(" mkdocs build" in p for p in processes_mentioning(str(project.root))),
        "mkdocs runs",
    )
    status, log = run_build(project.root)
    assert status == 75, log
    assert "another build" in log

    first.send_signal(signum)
    output, _ = first.communicate(timeout=60)
    assert first.returncode == 128 + signum, output
    assert "interrupted" in output
    wait_for(lambda: not processes_mentioning(str(project.root)), "no step runs", timeout=1)
    assert leftovers(project.root) == []
    assert tree_state(project.site) == before


def test_killed_build_takes_its_step_along_and_the_next_build_cleans_up(
    project: Built, request: pytest.FixtureRequest
) -> None:
    """SIGKILL cannot be caught: the step dies with the build (PR_SET_PDEATHSIG), and the
    staging folder it leaves is removed by the next build, even one that fails."""
    build = start_build(project.root)
    wait_for(
        lambda: any(" mkdocs build" in p for p in processes_mentioning(str(project.root))),
        "mkdocs runs",
    )
    build.kill()
    build.communicate(timeout=60)
    wait_for(lambda: not processes_mentioning(str(project.root)), "no step runs", timeout=5)
    assert leftovers(project.root) != []
    request.getfixturevalue("broken_page")  # the next build stops at validation
    status, log = run_build(project.root)
    assert status == 1, log
    assert "left by an interrupted build" in log
    assert leftovers(project.root) == []


def test_second_build_can_wait_for_the_first(project: Built, broken_page: Path) -> None:
    with (project.root / ".site.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build does
        waiting = start_build(project.root, "--wait")
        time.sleep(1.0)
        assert waiting.poll() is None, "build --wait did not wait for the lock"
    output, _ = waiting.communicate(timeout=60)
    assert waiting.returncode == 1, output  # then ran, and stopped at the broken link
    assert "no-such-page.md" in output


def test_offline_copy_cleans_up_on_sigterm(project: Built, tmp_path: Path) -> None:
    """Run alone (`make offline`), offline.py removes its temporary folder and stops its
    MkDocs child when terminated."""
    site, tmp = tmp_path / "site", tmp_path / "tmp"
    site.mkdir()
    tmp.mkdir()
    (site / "index.html").write_text("<!doctype html>", encoding="utf-8")
    offline = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "esxidocs",
            "offline",
            "--config",
            "mkdocs.yml",
            "--site-dir",
            str(site),
        ],
        cwd=project.root,
        env={**BUILD_ENV, "TMPDIR": str(tmp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    wait_for(
        lambda: any(" mkdocs build" in p for p in processes_mentioning(str(tmp))),
        "the offline MkDocs build runs",
    )
    offline.terminate()
    output, _ = offline.communicate(timeout=60)
    assert offline.returncode == 143, output
    wait_for(lambda: not processes_mentioning(str(tmp)), "no MkDocs build runs", timeout=1)
    assert list(tmp.iterdir()) == []
    assert [p.name for p in site.iterdir()] == ["index.html"]


# Runs in a process of its own: the build and offline.py run no threads, while a pytest-xdist
# worker does, and a signal the main thread holds back would be taken by another thread.
SIGNAL_DURING_START = """
import os, signal, subprocess, sys
from esxidocs.sitebuild import proc

started = []
real_popen = subprocess.Popen

def popen_then_signalled(*args, **kwargs):
    child = real_popen(*args, **kwargs)
    started.append(child)
    os.kill(os.getpid(), signal.SIGTERM)  # as if it came during Popen's last steps
    return child

subprocess.Popen = popen_then_signalled
try:
    with proc.interruptible():
        proc.run([sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ))
except proc.Interrupted:
    print(started[0].returncode)
"""


def test_stop_signal_while_a_step_starts_still_stops_it() -> None:
    """A SIGTERM that lands while a child is being started (before Popen has returned, the
    moment a process list first shows it) must still stop that child, not orphan it."""
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_DURING_START],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr  # interrupted, and said so
    assert done.stdout.strip() == str(-signal.SIGTERM), "the child was left running"
