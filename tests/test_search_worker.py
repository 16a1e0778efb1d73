"""The search worker wrapper's unit tests (tests/search/js/, Node's own test runner).

They run overrides/assets/javascripts/workers/search-i18n.js with Material's worker and Lunr
from the installed Material package, in Node: no browser and no site build needed.
"""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT

TESTS = ROOT / "tests" / "search" / "js"


def test_search_worker_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node, "Node.js 20 is needed for tests/search/js (see README, System packages)"
    result = subprocess.run(
        [node, "--test", str(TESTS)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    failed = [line for line in result.stdout.splitlines() if line.startswith("not ok")]
    assert result.returncode == 0, "\n".join(failed) or result.stdout + result.stderr
