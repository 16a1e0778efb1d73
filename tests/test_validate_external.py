"""External link checking against a local HTTP server on 127.0.0.1 (no internet here)."""

from __future__ import annotations

import http.server
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "validate"))

from support import make_project, refresh_permalinks, validate, write
from validator.external import Settings, _retry_after, check_urls


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: Counter[tuple[str, str]] = Counter()
        self.active = 0
        self.max_active = 0


class _Handler(http.server.BaseHTTPRequestHandler):
    state: _State

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, method: str) -> None:
        state = self.state
        with state.lock:
            state.requests[(method, self.path)] += 1
            count = state.requests[(method, self.path)]
            state.active += 1
            state.max_active = max(state.max_active, state.active)
        try:
            status, headers = self._route(method, count)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            with state.lock:
                state.active -= 1

    def _route(self, method: str, count: int) -> tuple[int, dict[str, str]]:
        path = self.path
        if path == "/head-refused":
            return (405 if method == "HEAD" else 200), {}
        if path == "/gone":
            return 404, {}
        if path == "/limited":
            return (429, {"Retry-After": "1"}) if count == 1 else (200, {})
        if path == "/broken-server":
            return 500, {}
        if path == "/slow":
            time.sleep(1.0)
            return 200, {}
        if path.startswith("/busy/"):
            time.sleep(0.15)
            return 200, {}
        if path == "/moved":
            return 301, {"Location": "/ok"}
        return 200, {}

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")


@pytest.fixture
def server() -> Iterator[tuple[str, _State]]:
    state = _State()
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    finally:
        httpd.shutdown()
        httpd.server_close()


FAST = Settings(timeout=0.5, workers=8, per_host=2, retries=1, backoff=0.05, max_wait=2)


def test_outcomes(server: tuple[str, _State], tmp_path: Path) -> None:
    base, state = server
    urls = [
        f"{base}{p}"
        for p in ("/ok", "/head-refused", "/gone", "/limited", "/broken-server", "/slow", "/moved")
    ]
    started = time.monotonic()
    results = check_urls(urls, FAST)
    assert {u.rsplit("/", 1)[1]: r.status for u, r in results.items()} == {
        "ok": 200,
        "head-refused": 200,
        "gone": 404,
        "limited": 200,
        "broken-server": 500,
        "slow": None,
        "moved": 200,
    }
    assert state.requests[("GET", "/head-refused")] == 1  # GET fallback after HEAD 405
    assert state.requests[("HEAD", "/limited")] == 2  # retried after 429
    assert state.requests[("HEAD", "/broken-server")] == 2  # one retry, then given up
    assert time.monotonic() - started >= 1.0  # waited for Retry-After: 1


def test_per_host_limit(server: tuple[str, _State]) -> None:
    base, state = server
    check_urls([f"{base}/busy/{i}" for i in range(8)], FAST)
    assert state.max_active <= FAST.per_host


def test_cache(server: tuple[str, _State], tmp_path: Path) -> None:
    base, state = server
    settings = Settings(timeout=0.5, retries=0, cache_path=tmp_path / "cache.json")
    check_urls([f"{base}/ok", f"{base}/gone"], settings)
    check_urls([f"{base}/ok", f"{base}/gone"], settings)
    assert state.requests[("HEAD", "/ok")] == 1  # cached after the first success
    assert state.requests[("HEAD", "/gone")] == 2  # failures are always checked again
    expired = Settings(timeout=0.5, retries=0, cache_path=tmp_path / "cache.json", cache_ttl=0)
    check_urls([f"{base}/ok"], expired)
    assert state.requests[("HEAD", "/ok")] == 2


def test_retry_after_forms() -> None:
    now = 1_000_000.0
    assert _retry_after("7", now) == 7.0
    assert _retry_after(None, now) is None
    assert _retry_after("soon", now) is None
    assert _retry_after("Thu, 01 Jan 1970 00:00:00 GMT", now) == 0.0


def test_problems_in_pages(server: tuple[str, _State], tmp_path: Path) -> None:
    base, _ = server
    root = make_project(tmp_path)
    front = (
        "---\ntitle: T\n"
        "description: Página con enlaces externos a un servidor local de prueba.\n"
        "article: none\n---\n"
    )
    write(
        root,
        "es/ext.md",
        front + f"\n# T\n\n[ok]({base}/ok) [roto]({base}/gone)\n[caído]({base}/broken-server)\n",
    )
    refresh_permalinks(root)
    found = {
        (p.line, p.code)
        for p in validate(root, external=FAST)
        if p.path == "docs/es/ext.md" and p.code != "parity-missing"
    }
    # http:// is also a warning of its own (link-insecure): the server here is plain HTTP.
    assert (9, "external-status") in found
    assert (10, "external-unreachable") in found
    assert {code for _, code in found} <= {
        "link-insecure",
        "external-status",
        "external-unreachable",
    }, found
