"""External link checking against local HTTP(S) servers on 127.0.0.1 (no internet here).

The hostile routes (redirect loops and chains, redirects to file:, a server trickling its
headers, a huge body, a 429 asking to wait a day) run with deadlines of a fraction of a
second, so the whole file takes a few seconds; each test also asserts how long it took.
"""

from __future__ import annotations

import http.server
import json
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from esxidocs.validator import external
from esxidocs.validator.external import Outcome, Settings, _retry_after, check_urls
from esxidocs.validator.external_url import redact
from esxidocs.validator.report import render
from support import cli, make_project, refresh_permalinks, validate, write

TLS_FIXTURES = Path(__file__).parent / "fixtures" / "external"  # self-signed, tests only
HUGE = 10**10  # bytes the /huge route announces and would send


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: Counter[tuple[str, str]] = Counter()
        self.active = 0
        self.max_active = 0
        self.body_bytes_sent = 0
        self.authorization: list[str] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    state: _State
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, method: str) -> None:
        state = self.state
        with state.lock:
            state.requests[(method, self.path)] += 1
            count = state.requests[(method, self.path)]
            state.active += 1
            state.max_active = max(state.max_active, state.active)
            if "Authorization" in self.headers:
                state.authorization.append(self.headers["Authorization"])
        counted = True  # still in state.active
        try:
            if self.path.startswith("/trickle"):
                self._trickle()
                return
            if self.path == "/huge" and method == "GET":
                self._huge()
                return
            status, headers = self._route(method, count)
            # Not active once it answers: the client may send its next request as soon as it
            # reads this answer, before this thread runs again (on a busy machine it did).
            with state.lock:
                state.active -= 1
            counted = False
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except OSError:
            pass  # the client hung up, as it should on hostile routes
        finally:
            if counted:
                with state.lock:
                    state.active -= 1

    def _trickle(self) -> None:
        """A status line, then one header byte every 50 ms for ever."""
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        self.wfile.flush()
        while True:
            time.sleep(0.05)
            self.wfile.write(b"a")
            self.wfile.flush()

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        chunk = b"\0" * 65536
        for _ in range(HUGE // len(chunk)):
            self.wfile.write(chunk)
            with self.state.lock:
                self.state.body_bytes_sent += len(chunk)

    def _route(self, method: str, count: int) -> tuple[int, dict[str, str]]:
        path = self.path
        host = f"127.0.0.1:{self.server.server_port}"  # type: ignore[attr-defined]
        if path == "/head-refused":
            return (405 if method == "HEAD" else 200), {}
        if path == "/huge":
            return 405, {}  # HEAD refused: the checker must GET the huge body
        if path == "/gone":
            return 404, {}
        if path == "/limited":
            return (429, {"Retry-After": "1"}) if count == 1 else (200, {})
        if path == "/limited-for-a-day":
            return 429, {"Retry-After": "100000"}
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
        if path == "/loop-a":
            return 302, {"Location": "/loop-b"}
        if path == "/loop-b":
            return 302, {"Location": f"http://{host}/loop-a"}
        if path.startswith("/chain/"):  # /chain/N takes N redirects to reach 200
            left = int(path.rsplit("/", 1)[1])
            return (302, {"Location": f"/chain/{left - 1}"}) if left else (200, {})
        if path == "/to-file":
            return 302, {"Location": "file:///etc/passwd"}
        if path == "/to-javascript":
            return 302, {"Location": "javascript:alert(1)"}
        if path == "/to-ftp":
            return 301, {"Location": "ftp://127.0.0.1/"}
        if path == "/to-malformed":
            return 302, {"Location": "http://[::1/"}
        if path == "/to-credentials":
            return 302, {"Location": f"http://someone:hunter2@{host}/ok"}
        if path == "/to-plain-http":
            return 301, {"Location": f"http://{host}/ok"}
        return 200, {}

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")


def _serve(tls: ssl.SSLContext | None = None) -> Iterator[tuple[str, _State]]:
    state = _State()
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://127.0.0.1:{httpd.server_address[1]}", state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server() -> Iterator[tuple[str, _State]]:
    yield from _serve()


@pytest.fixture
def tls_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, _State]]:
    """An HTTPS server the checker trusts (its self-signed certificate, nothing else)."""
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(TLS_FIXTURES / "localhost.crt", TLS_FIXTURES / "localhost.key")
    client_side = ssl.create_default_context(cafile=str(TLS_FIXTURES / "localhost.crt"))
    monkeypatch.setattr(external, "_TLS", client_side)
    yield from _serve(server_side)


FAST = Settings(timeout=0.5, workers=8, per_host=2, retries=1, backoff=0.05, max_wait=2)


def _within(limit: float, urls: list[str], settings: Settings) -> dict[str, Outcome]:
    """check_urls, failing (not hanging) if it runs longer than `limit` seconds."""
    box: list[dict[str, Outcome]] = []
    worker = threading.Thread(target=lambda: box.append(check_urls(urls, settings)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(limit)
    assert not worker.is_alive(), f"still checking after {limit} s"
    assert box, "check_urls raised"
    assert time.monotonic() - started < limit
    return box[0]


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


def test_redirect_failures_are_never_working(server: tuple[str, _State]) -> None:
    """Loops, chains over the limit and redirects out of http(s) each get their own code."""
    base, state = server
    expected = {
        "/loop-a": "external-redirect-loop",
        "/chain/11": "external-redirect-limit",  # one more than Settings.max_redirects
        "/to-file": "external-redirect-scheme",
        "/to-javascript": "external-redirect-scheme",
        "/to-ftp": "external-redirect-scheme",
        "/to-malformed": "external-malformed",
        "/to-credentials": "external-credentials",
    }
    results = _within(3.0, [base + path for path in [*expected, "/chain/10"]], FAST)
    assert {path: results[base + path].code for path in expected} == expected
    assert not any(results[base + path].ok for path in expected)
    assert results[f"{base}/chain/10"].ok  # exactly the limit still works
    assert state.requests[("HEAD", "/chain/0")] == 1
    assert state.requests[("HEAD", "/ok")] == 0  # the credentials were not followed
    assert state.authorization == []
    assert "hunter2" not in str(results[f"{base}/to-credentials"])
    assert "/etc/passwd" in (results[f"{base}/to-file"].error or "")  # says where it went


def test_failures_are_not_cached(server: tuple[str, _State], tmp_path: Path) -> None:
    base, state = server
    cache = tmp_path / "cache.json"
    settings = Settings(timeout=0.5, retries=0, cache_path=cache)
    urls = [f"{base}/loop-a", f"{base}/chain/11", f"{base}/to-file", f"{base}/ok"]
    check_urls(urls, settings)
    again = check_urls(urls, settings)
    assert json.loads(cache.read_text(encoding="utf-8"))["working"].keys() == {f"{base}/ok"}
    assert [again[u].code for u in urls[:3]] == [
        "external-redirect-loop",
        "external-redirect-limit",
        "external-redirect-scheme",
    ]
    assert state.requests[("HEAD", "/to-file")] == 2  # asked again, not taken from the cache


def test_cache_from_before_redirect_checks_is_ignored(
    server: tuple[str, _State], tmp_path: Path
) -> None:
    """The first cache format counted redirect loops as working: its entries are not trusted."""
    base, state = server
    cache = tmp_path / "cache.json"
    cache.write_text(json.dumps({f"{base}/loop-a": time.time()}), encoding="utf-8")
    result = check_urls([f"{base}/loop-a"], Settings(timeout=0.5, retries=0, cache_path=cache))
    assert result[f"{base}/loop-a"].code == "external-redirect-loop"
    assert state.requests[("HEAD", "/loop-a")] == 1


def test_trickling_server_cannot_outlast_the_request_deadline(
    server: tuple[str, _State],
) -> None:
    """A byte every 50 ms never trips a per-read timeout; the total deadline still ends it."""
    base, _ = server
    settings = Settings(timeout=0.5, retries=0)
    result = _within(3.0, [f"{base}/trickle"], settings)[f"{base}/trickle"]
    assert result.status is None and not result.ok
    assert "in time" in (result.error or "")


def test_huge_body_is_not_downloaded(server: tuple[str, _State]) -> None:
    base, state = server
    result = _within(3.0, [f"{base}/huge"], FAST)[f"{base}/huge"]
    assert result.ok and result.status == 200
    time.sleep(0.2)  # let the server notice the closed connection
    assert state.body_bytes_sent < 50 * 2**20  # socket buffers at most, not 10 GB


def test_long_retry_after_is_reported_not_waited_for(server: tuple[str, _State]) -> None:
    base, state = server
    url = f"{base}/limited-for-a-day"
    result = _within(3.0, [url], Settings(timeout=0.5, retries=3, max_wait=2))[url]
    assert result.code == "external-unreachable" and result.status == 429
    assert "rate limited" in (result.error or "") and "100000" in (result.error or "")
    assert state.requests[("HEAD", url.removeprefix(base))] == 1  # no retry


def test_run_deadline_bounds_retries_and_slow_hosts(server: tuple[str, _State]) -> None:
    """Many trickling URLs and a long backoff: the run still ends at its deadline."""
    base, _ = server
    urls = [f"{base}/trickle/{i}" for i in range(6)] + [f"{base}/broken-server"]
    settings = Settings(timeout=5, workers=2, per_host=2, retries=3, backoff=30, run_timeout=0.6)
    results = _within(3.0, urls, settings)
    assert set(results) == set(urls)
    assert not any(r.ok for r in results.values())
    assert any("run deadline" in (r.error or "") for r in results.values())


def test_malformed_urls_and_credentials_are_not_fetched(server: tuple[str, _State]) -> None:
    base, state = server
    port = base.rsplit(":", 1)[1]
    malformed = [
        "http://[::1/",
        "http://127.0.0.1:99999/",
        "http://127.0.0.1:port/",
        "http:///no-host",
        "http://☃-⌘.com/",
        "http://xn--a.com/",
        "http://exa mple.com/",
    ]
    secret = f"https://someone:hunter2@127.0.0.1:{port}/ok"
    results = _within(3.0, [*malformed, secret], FAST)
    assert {url: results[url].code for url in malformed} == dict.fromkeys(
        malformed, "external-malformed"
    )
    assert results[secret].code == "external-credentials"
    assert "hunter2" not in str(results[secret])
    assert sum(state.requests.values()) == 0


def test_redact() -> None:
    assert redact("https://user:pass@example.com/x") == "https://user:***@example.com/x"
    assert redact("https://user@example.com/") == "https://user@example.com/"
    assert redact("https://u:p@ss@example.com/") == "https://u:***@example.com/"
    assert redact("https://medium.com/@someone") == "https://medium.com/@someone"
    # A "/" in the password makes the URL unparsable: everything before the "@" goes.
    assert "pa/ss" not in redact("https://user:pa/ss@example.com/")


def test_downgrade_from_https_is_reported(tls_server: tuple[str, _State]) -> None:
    base, _ = tls_server
    results = _within(3.0, [f"{base}/ok", f"{base}/to-plain-http"], FAST)
    assert results[f"{base}/ok"].ok  # the TLS path itself works
    assert results[f"{base}/to-plain-http"].code == "external-redirect-insecure"


def test_trickle_over_tls_is_bounded(tls_server: tuple[str, _State]) -> None:
    base, _ = tls_server
    result = _within(3.0, [f"{base}/trickle"], Settings(timeout=0.5, retries=0))
    assert not result[f"{base}/trickle"].ok


_FRONT = (
    "---\ntitle: T\n"
    "description: Página con enlaces externos a un servidor local de prueba.\n"
    "article: none\n---\n"
)


def test_problems_in_pages(server: tuple[str, _State], tmp_path: Path) -> None:
    base, _ = server
    root = make_project(tmp_path)
    write(
        root,
        "es/ext.md",
        _FRONT + f"\n# T\n\n[ok]({base}/ok) [roto]({base}/gone)\n[caído]({base}/broken-server)\n",
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


def test_hostile_links_reported_at_their_position(
    server: tuple[str, _State], tmp_path: Path
) -> None:
    base, _ = server
    root = make_project(tmp_path)
    body = (
        f"\n# T\n\n[a](http://[::1/)\n\n"
        f"Texto [b](https://someone:hunter2@127.0.0.1/) y [c]({base}/loop-a).\n"
    )
    write(root, "es/ext.md", _FRONT + body)
    refresh_permalinks(root)
    problems = [
        p
        for p in validate(root, external=FAST)
        if p.path == "docs/es/ext.md" and p.code.startswith("external-")
    ]
    assert {(p.line, p.col, p.code) for p in problems} == {
        (9, 5, "external-malformed"),
        (11, 11, "external-credentials"),
        (11, 53, "external-redirect-loop"),
    }
    for fmt in ("text", "json", "github"):
        assert "hunter2" not in render(fmt, problems, 1)


def test_cli_external_never_crashes_or_prints_passwords(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    body = "\n# T\n\n[a](http://[::1/) [b](https://someone:hunter2@127.0.0.1:9/)\n"
    write(root, "es/ext.md", _FRONT + body)
    refresh_permalinks(root)
    done = cli(
        "--config",
        str(root / "mkdocs.yml"),
        "--external",
        "--run-timeout",
        "5",
        "--cache-file",
        str(tmp_path / "cache.json"),
        "--format",
        "json",
        cwd=root,
    )
    assert done.returncode == 1, done.stderr
    assert "hunter2" not in done.stdout + done.stderr
    found = {
        (p["path"], p["line"], p["col"], p["code"])
        for p in json.loads(done.stdout)["problems"]
        if p["code"].startswith("external-")
    }
    assert found == {
        ("docs/es/ext.md", 9, 5, "external-malformed"),
        ("docs/es/ext.md", 9, 23, "external-credentials"),
    }


def test_source_records_urls_checked_at_their_value(
    server: tuple[str, _State], tmp_path: Path
) -> None:
    """Cited sources are links too (the citations hook renders them): docs/_data/sources.yml."""
    base, state = server
    root = make_project(tmp_path)
    record = (
        "- id: {id}\n  title: T\n  publisher: P\n  url: {url}\n  kind: kb\n"
        "  supports:\n    es: Algo.\n    en: Something.\n  confirmed: here\n"
    )
    text = "# Sources\n" + "".join(
        record.format(id=name, url=url)
        for name, url in (
            ("fine", f"{base}/ok"),
            ("dead", f"'{base}/gone'"),
            ("looping", f"{base}/loop-a"),
        )
    )
    (root / "docs" / "_data" / "sources.yml").write_text(text, encoding="utf-8")
    found = {
        (p.line, p.col, p.code)
        for p in validate(root, external=FAST)
        if p.path == "docs/_data/sources.yml" and p.code.startswith("external-")
    }
    # Line and column of each url value (a quoted one: its opening quote).
    assert found == {(14, 8, "external-status"), (23, 8, "external-redirect-loop")}
    assert state.requests[("HEAD", "/ok")] == 1
