"""Check external http(s) links: concurrent but polite, retried, and cached.

HEAD first (cheap), GET when a server refuses HEAD. At most `per_host` requests to one
host at a time and `workers` overall; connection errors, 5xx and 429 are retried with
exponential backoff, honouring `Retry-After`. Working URLs are cached for `cache_ttl`
seconds; broken ones are always checked again, so a fix shows up on the next run.
"""

from __future__ import annotations

import email.utils
import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urlsplit

from .links import is_external
from .problems import Problem
from .site_url import SiteOrigin
from .sources import SourceIndex

USER_AGENT = "docs-link-validator/1.0"
# Servers that refuse or mishandle HEAD: ask again with GET before calling a link broken.
_GET_FALLBACK_FROM = 400


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0
    workers: int = 8
    per_host: int = 2
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_wait: float = 60.0  # cap on any single Retry-After or backoff wait
    cache_ttl: float = 86400.0
    cache_path: Path | None = None


@dataclass(frozen=True)
class Outcome:
    status: int | None  # final HTTP status, None when no answer came
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    @property
    def transient(self) -> bool:
        return self.status is None or self.status == 429 or self.status >= 500


class _NoRedirectBody(urllib.request.HTTPRedirectHandler):
    """Follow redirects but keep the HEAD method (urllib turns it into GET)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


_OPENER = urllib.request.build_opener(_NoRedirectBody)


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


def _request(url: str, method: str, timeout: float) -> tuple[Outcome, float | None]:
    """One request: the outcome and the server's Retry-After (seconds), if any."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Outcome(response.status), None
    except urllib.error.HTTPError as exc:
        wait = _retry_after(exc.headers.get("Retry-After") if exc.headers else None, time.time())
        exc.close()
        return Outcome(exc.code, exc.reason if isinstance(exc.reason, str) else None), wait
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Outcome(None, str(reason) or type(exc).__name__), None


class _Checker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(settings.per_host)
        )

    def _host(self, url: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._hosts[urlsplit(url).netloc.lower()]

    def _attempt(self, url: str) -> tuple[Outcome, float | None]:
        with self._host(url):  # per-host limit
            outcome, wait = _request(url, "HEAD", self.settings.timeout)
            if (
                outcome.status is not None
                and outcome.status >= _GET_FALLBACK_FROM
                and (outcome.status != 429)
            ):
                outcome, wait = _request(url, "GET", self.settings.timeout)
        return outcome, wait

    def check(self, url: str) -> Outcome:
        outcome = Outcome(None, "not checked")
        for attempt in range(self.settings.retries + 1):
            outcome, wait = self._attempt(url)
            if outcome.ok or not outcome.transient or attempt == self.settings.retries:
                return outcome
            delay = wait if wait is not None else self.settings.backoff * 2**attempt
            time.sleep(min(delay, self.settings.max_wait))  # the host slot is free meanwhile
        return outcome


class Cache:
    """URL -> time it last answered successfully, kept in a JSON file."""

    def __init__(self, path: Path | None, ttl: float) -> None:
        self.path = path
        self.ttl = ttl
        self.entries: dict[str, float] = {}
        if path is not None and path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                self.entries = {str(k): float(v) for k, v in loaded.items()}
            except (OSError, ValueError, AttributeError, TypeError):
                self.entries = {}  # a corrupt cache is only a slower run

    def fresh(self, url: str, now: float) -> bool:
        return now - self.entries.get(url, -1e18) < self.ttl

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.entries, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.path)


def check_urls(urls: list[str], settings: Settings) -> dict[str, Outcome]:
    """Outcome per URL (fragments ignored); cached URLs count as working."""
    cache = Cache(settings.cache_path, settings.cache_ttl)
    now = time.time()
    results: dict[str, Outcome] = {}
    todo: list[str] = []
    for url in dict.fromkeys(u.partition("#")[0] for u in urls):
        if cache.fresh(url, now):
            results[url] = Outcome(200)
        else:
            todo.append(url)
    checker = _Checker(settings)
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        for url, outcome in zip(todo, pool.map(checker.check, todo), strict=True):
            results[url] = outcome
            if outcome.ok:
                cache.entries[url] = time.time()
    cache.save()
    return results


def check_index(index: SourceIndex, settings: Settings) -> list[Problem]:
    """Check every external http(s) link of the sources; one problem per occurrence."""
    origin = SiteOrigin.from_site_url(index.project.site_url)
    occurrences = []
    for page in index.pages.values():
        for link in page.links:
            # Links to the site itself are already errors (link-self-url): never fetched.
            if is_external(link.target) and origin.own(link.target) is None:
                occurrences.append((page.display, link))
    outcomes = check_urls([link.target for _, link in occurrences], settings)
    problems = []
    for display, link in occurrences:
        outcome = outcomes[link.target.partition("#")[0]]
        if outcome.ok:
            continue
        if outcome.transient:
            detail = f"HTTP {outcome.status}" if outcome.status else outcome.error or "no answer"
            problems.append(
                Problem(
                    display, link.line, link.col, "external-unreachable", f"{link.target}: {detail}"
                )
            )
        else:
            problems.append(
                Problem(
                    display,
                    link.line,
                    link.col,
                    "external-status",
                    f"{link.target}: HTTP {outcome.status}",
                )
            )
    return problems
