"""Check external http(s) links: concurrent but polite, retried, cached, and bounded.

HEAD first (cheap), GET when a server refuses HEAD. At most `per_host` requests to one
host at a time and `workers` overall; connection errors, 5xx and 429 are retried with
exponential backoff, honouring a `Retry-After` of at most `max_wait` seconds (a longer one
reports the URL as rate limited instead of waiting).

Bounded by construction, because a hostile or broken server must not stall a run:
- every request (DNS lookup, connect, TLS, status line and headers, and every redirect it
  follows) has one total deadline, `timeout` seconds: a watchdog shuts the socket down at
  that moment, so a server sending one byte a second cannot keep it alive;
- only the status line and headers are read; the body is never downloaded;
- redirects are followed by hand, at most `max_redirects` (10) of them: a loop, a longer
  chain, a redirect to another scheme (file:, ftp:, javascript: ...) or a malformed
  `Location` is a failure, and https -> http is reported and not followed;
- the whole run has one deadline, `run_timeout` seconds, that retries, `Retry-After` and
  the per-host queue all respect; URLs not settled by then are reported as unreachable.

Only working URLs are cached (for `cache_ttl` seconds); every failure is checked again on
the next run, so a fix shows up at once. URLs with credentials are reported, never fetched,
and printed with the password redacted.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import socket
import ssl
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from esxidocs.findings import Finding

from . import external_url
from .external_url import CredentialsError, Target, UrlError, redact
from .links import is_external
from .site_url import SiteOrigin
from .source_urls import SourceUrl, source_urls
from .sources import SourceIndex

USER_AGENT = "docs-link-validator/1.0"
# Servers that refuse or mishandle HEAD: ask again with GET before calling a link broken.
_GET_FALLBACK_FROM = 400
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Bumped whenever an older cache could hold entries this version would not count as
# working (version 1 cached redirect loops and redirects to file: as working).
_CACHE_VERSION = 2


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # total seconds per request, redirects included
    workers: int = 8
    per_host: int = 2
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_wait: float = 10.0  # longest Retry-After or backoff waited for; longer = rate limited
    cache_ttl: float = 86400.0
    cache_path: Path | None = None
    max_redirects: int = 10
    run_timeout: float = 120.0  # total seconds for all external checks of one run


@dataclass(frozen=True)
class Outcome:
    """How one URL answered. `code` names a failure that is not an HTTP status."""

    status: int | None  # final HTTP status, None when no answer came
    error: str | None = None
    code: str | None = None  # external-redirect-*, or external-unreachable when given up

    @property
    def ok(self) -> bool:
        return self.code is None and self.status is not None and self.status < 400

    @property
    def transient(self) -> bool:
        """Worth another try: no answer, 5xx or 429 (and not already given up)."""
        return self.code is None and (
            self.status is None or self.status == 429 or self.status >= 500
        )


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


class _DeadlineExceeded(TimeoutError):
    pass


_AddrInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, Any]


def _resolve(host: str, port: int, deadline: float) -> list[_AddrInfo]:
    """getaddrinfo with a deadline: it cannot be interrupted, so it runs in its own thread."""
    found: list[list[_AddrInfo]] = []
    failed: list[OSError] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            found.append(list(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))
        except OSError as exc:
            failed.append(exc)
        finally:
            done.set()

    threading.Thread(target=lookup, name="dns", daemon=True).start()
    if not done.wait(max(0.0, deadline - time.monotonic())):
        raise _DeadlineExceeded("DNS lookup did not finish in time")
    if failed:
        raise failed[0]
    return found[0]


def _connect(target: Target, deadline: float) -> socket.socket:
    error: OSError = OSError(f"no address for {target.host}")
    for family, kind, proto, _, address in _resolve(target.host, target.port, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _DeadlineExceeded("connection did not open in time")
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(remaining)
            sock.connect(address)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error


class _Watchdog:
    """Shuts a socket down at the deadline, waking any read blocked on it.

    Socket timeouts bound each read, not their sum: a server trickling its headers one
    byte at a time would never trip them. Shutting the descriptor down works for plain
    and TLS sockets alike (the TLS wrapper keeps the same descriptor).
    """

    def __init__(self, fd: int, seconds: float) -> None:
        self._fd = fd
        self._lock = threading.Lock()
        self._done = False
        self.fired = False
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return  # the socket may already be closed and its number reused
            self.fired = True
            shutter = socket.socket(fileno=self._fd)
            try:
                shutter.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            finally:
                shutter.detach()  # the owner closes it

    def disarm(self) -> bool:
        """Call before closing the socket; True when the deadline had already struck."""
        with self._lock:
            self._done = True
            self._timer.cancel()
            return self.fired


@dataclass(frozen=True)
class _Answer:
    status: int
    location: str | None
    retry_after: str | None


_TLS = ssl.create_default_context()


def _ask(target: Target, method: str, deadline: float) -> _Answer:
    """One HTTP exchange, status line and headers only, finished by `deadline`."""
    sock = _connect(target, deadline)
    watchdog = _Watchdog(sock.fileno(), deadline - time.monotonic())
    connection: http.client.HTTPConnection | None = None
    try:
        if target.scheme == "https":
            # Handshake by hand: a failed automatic one closes the descriptor while the
            # watchdog still holds its number.
            sock = _TLS.wrap_socket(
                sock, server_hostname=target.host, do_handshake_on_connect=False
            )
            sock.do_handshake()
            connection = http.client.HTTPSConnection(target.host, target.port, context=_TLS)
        else:
            connection = http.client.HTTPConnection(target.host, target.port)
        connection.sock = sock  # already connected: http.client never resolves or connects
        connection.request(
            method, target.path, headers={"User-Agent": USER_AGENT, "Connection": "close"}
        )
        with connection.getresponse() as response:
            # A shut-down socket reads as the end of the headers, not as an error.
            if watchdog.disarm():
                raise _DeadlineExceeded("no complete answer in time")
            # The body is not read: closing now costs a server with a huge or endless
            # body nothing but a reset connection.
            return _Answer(
                response.status,
                response.getheader("Location"),
                response.getheader("Retry-After"),
            )
    except _DeadlineExceeded:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if watchdog.disarm() or time.monotonic() >= deadline:
            raise _DeadlineExceeded("no complete answer in time") from None
        raise exc
    finally:
        watchdog.disarm()
        if connection is not None:
            connection.close()
        sock.close()


def _shorten(text: str, limit: int = 200) -> str:
    """A server-chosen `Location` may be 64 KiB long; a report line needs its start."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _follow(
    url: str, method: str, settings: Settings, deadline: float
) -> tuple[Outcome, float | None]:
    """The outcome of `url` after its redirects, and the server's Retry-After (seconds)."""
    seen = {url.partition("#")[0]}
    current = url
    for hop in range(settings.max_redirects + 1):
        try:
            answer = _ask(external_url.parse(current), method, deadline)
        except _DeadlineExceeded as exc:
            return Outcome(None, f"{exc} (request deadline {settings.timeout:g} s)"), None
        except CredentialsError:
            return Outcome(
                None, "redirects to a URL with credentials", "external-credentials"
            ), None
        except UrlError as exc:
            return Outcome(None, f"redirects to a malformed URL: {exc}", "external-malformed"), None
        except socket.gaierror as exc:
            # "No such host" is an answer, not a hiccup: retrying it only costs time.
            final = "external-unreachable" if exc.errno == socket.EAI_NONAME else None
            return Outcome(None, f"DNS: {exc.strerror or exc}", final), None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            return Outcome(None, str(exc) or type(exc).__name__), None
        if answer.status not in _REDIRECTS or not answer.location:
            wait = _retry_after(answer.retry_after, time.time())
            return Outcome(answer.status), wait
        try:
            following = urljoin(current, answer.location.strip())
        except ValueError:
            following = answer.location
        shown = _shorten(redact(following))
        if hop == settings.max_redirects:
            return Outcome(
                answer.status,
                f"more than {settings.max_redirects} redirects (the last to {shown})",
                "external-redirect-limit",
            ), None
        scheme = following.partition(":")[0].lower() if ":" in following else ""
        if scheme not in ("http", "https"):
            return Outcome(answer.status, f"redirects to {shown}", "external-redirect-scheme"), None
        if current.lower().startswith("https:") and scheme == "http":
            return Outcome(
                answer.status,
                f"redirects from https to plain http ({shown})",
                "external-redirect-insecure",
            ), None
        key = following.partition("#")[0]
        if key in seen:
            return Outcome(
                answer.status, f"redirect loop (back to {shown})", "external-redirect-loop"
            ), None
        seen.add(key)
        current = following
    raise AssertionError("unreachable: the loop returns on its last hop")


class _Checker:
    def __init__(self, settings: Settings, run_deadline: float) -> None:
        self.settings = settings
        self.run_deadline = run_deadline
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(settings.per_host)
        )

    def _host(self, url: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._hosts[external_url.parse(url).origin]

    def out_of_time(self, what: str) -> Outcome:
        return Outcome(
            None,
            f"{what}: the run deadline ({self.settings.run_timeout:g} s) was reached",
            "external-unreachable",
        )

    def _attempt(self, url: str) -> tuple[Outcome, float | None]:
        slot = self._host(url)
        if not slot.acquire(timeout=max(0.0, self.run_deadline - time.monotonic())):
            return self.out_of_time("not checked"), None
        try:  # per-host limit
            deadline = min(time.monotonic() + self.settings.timeout, self.run_deadline)
            outcome, wait = _follow(url, "HEAD", self.settings, deadline)
            if (
                outcome.code is None
                and outcome.status is not None
                and outcome.status >= _GET_FALLBACK_FROM
                and outcome.status != 429
            ):
                deadline = min(time.monotonic() + self.settings.timeout, self.run_deadline)
                outcome, wait = _follow(url, "GET", self.settings, deadline)
        finally:
            slot.release()
        return outcome, wait

    def check(self, url: str) -> Outcome:
        outcome = Outcome(None, "not checked")
        for attempt in range(self.settings.retries + 1):
            if time.monotonic() >= self.run_deadline:
                return self.out_of_time(outcome.error or "not checked")
            outcome, wait = self._attempt(url)
            if outcome.ok or not outcome.transient or attempt == self.settings.retries:
                return outcome
            if wait is not None and wait > self.settings.max_wait:
                detail = f"HTTP {outcome.status}" if outcome.status else "no answer"
                return Outcome(
                    outcome.status,
                    f"{detail}, rate limited: asks to retry after {wait:g} s, "
                    f"more than the {self.settings.max_wait:g} s this check waits",
                    "external-unreachable",
                )
            delay = wait if wait is not None else self.settings.backoff * 2**attempt
            delay = min(delay, self.settings.max_wait)
            if time.monotonic() + delay >= self.run_deadline:
                return self.out_of_time(_describe(outcome))
            time.sleep(delay)  # the host slot is free meanwhile
        return outcome


def _describe(outcome: Outcome) -> str:
    if outcome.error:
        return outcome.error
    return f"HTTP {outcome.status}" if outcome.status else "no answer"


class Cache:
    """URL -> time it last answered successfully, kept in a JSON file."""

    def __init__(self, path: Path | None, ttl: float) -> None:
        self.path = path
        self.ttl = ttl
        self.entries: dict[str, float] = {}
        if path is not None and path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if loaded.get("version") == _CACHE_VERSION:
                    self.entries = {str(k): float(v) for k, v in loaded["working"].items()}
            except (OSError, ValueError, AttributeError, TypeError, KeyError):
                self.entries = {}  # a corrupt or older cache is only a slower run

    def fresh(self, url: str, now: float) -> bool:
        return now - self.entries.get(url, -1e18) < self.ttl

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        document = {"version": _CACHE_VERSION, "working": self.entries}
        temporary.write_text(json.dumps(document, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.path)


def _run(urls: list[str], checker: _Checker) -> dict[str, Outcome]:
    """Check `urls` on daemon threads; whatever is unsettled at the run deadline is given up.

    Daemon threads rather than a pool: a pool's threads are joined at interpreter exit,
    so one stuck in a system call would keep the process alive past the deadline.
    """
    results: dict[str, Outcome] = {}
    lock = threading.Lock()
    queue = list(reversed(urls))

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                url = queue.pop()
            outcome = checker.check(url)
            with lock:
                results[url] = outcome

    threads = [
        threading.Thread(target=work, name="external", daemon=True)
        for _ in range(min(max(1, checker.settings.workers), len(urls)))
    ]
    for thread in threads:
        thread.start()
    grace = 1.0  # lets checks that hit the deadline themselves record why
    for thread in threads:
        thread.join(max(0.0, checker.run_deadline + grace - time.monotonic()))
    with lock:
        settled = dict(results)
        queue.clear()  # threads still running stop after their current URL
    for url in urls:
        if url not in settled:
            settled[url] = checker.out_of_time("not checked")
    return settled


def _unusable(url: str) -> Outcome | None:
    """Why `url` must not be fetched at all (malformed, or carries credentials), if so."""
    try:
        external_url.parse(url)
    except CredentialsError as exc:
        return Outcome(
            None, f"{exc}; not fetched (a link must not carry secrets)", "external-credentials"
        )
    except UrlError as exc:
        return Outcome(None, f"malformed URL: {exc}", "external-malformed")
    return None


def check_urls(urls: list[str], settings: Settings) -> dict[str, Outcome]:
    """Outcome per URL (fragments ignored); cached URLs count as working.

    Malformed URLs and URLs with credentials are settled without a request.
    """
    run_deadline = time.monotonic() + settings.run_timeout
    cache = Cache(settings.cache_path, settings.cache_ttl)
    now = time.time()
    results: dict[str, Outcome] = {}
    todo: list[str] = []
    for url in dict.fromkeys(u.partition("#")[0] for u in urls):
        unusable = _unusable(url)
        if unusable is not None:
            results[url] = unusable
        elif cache.fresh(url, now):
            results[url] = Outcome(200)
        else:
            todo.append(url)
    for url, outcome in _run(todo, _Checker(settings, run_deadline)).items():
        results[url] = outcome
        if outcome.ok:
            cache.entries[url] = time.time()
    cache.save()
    return results


def _problem(display: str, line: int, col: int, target: str, outcome: Outcome) -> Finding:
    shown = redact(target)
    if outcome.code is not None:
        return Finding.of(display, line, col, outcome.code, f"{shown}: {outcome.error}")
    if outcome.transient:
        return Finding.of(
            display, line, col, "external-unreachable", f"{shown}: {_describe(outcome)}"
        )
    return Finding.of(display, line, col, "external-status", f"{shown}: HTTP {outcome.status}")


def check_index(index: SourceIndex, settings: Settings) -> list[Finding]:
    """Check every external http(s) link of the pages and every source record's URL
    (`docs/_data/sources.yml`); one problem per occurrence.

    Page links the link check found unusable (malformed, credentials) are reported by it,
    with or without --external, and are no longer in `page.links`.
    """
    origin = SiteOrigin.from_site_url(index.project.site_url)
    occurrences: list[SourceUrl] = [
        (page.display, link.line, link.col, link.target)
        for page in index.pages.values()
        for link in page.links
    ]
    occurrences += source_urls(index.project)
    # Links to the site itself are already errors (link-self-url): never fetched.
    occurrences = [o for o in occurrences if is_external(o[3]) and origin.own(o[3]) is None]
    outcomes = check_urls([url for *_, url in occurrences], settings)
    return [
        _problem(display, line, col, url, outcome)
        for display, line, col, url in occurrences
        if not (outcome := outcomes[url.partition("#")[0]]).ok
    ]
