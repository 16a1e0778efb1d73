"""Parse an external http(s) URL strictly enough to fetch it, and redact its password.

Kept apart from the fetching so any check that prints a URL can redact it
(`redact`), and so a URL that cannot be parsed, or that carries credentials, becomes a
problem at the page's `path:line:col` instead of an exception or a request.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import idna

from esxidocs.findings import Finding

# One DNS label as found in real host names: letters, digits, hyphens inside, and the
# underscore some hosts use although IDNA forbids it.
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$", re.IGNORECASE)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
# The user info of an authority: everything between "//" and the last "@" before the path.
_USERINFO = re.compile(r"^(?P<head>[a-z][a-z0-9+.-]*://)(?P<info>[^/?#]*)@", re.IGNORECASE)
# In a URL that does not parse, the author may have put "/" inside the password too.
_LOOSE_USERINFO = re.compile(r"^(?P<head>[a-z][a-z0-9+.-]*://)(?P<info>.*)@", re.IGNORECASE)
# Characters left as they are when the path and query are percent-encoded for the request.
_PATH_SAFE = "/%:@!$&'()*+,;=~-._?"


class UrlError(ValueError):
    """The URL cannot be fetched as written; the message says why (already redacted)."""


class CredentialsError(UrlError):
    """The URL carries a user name or password."""


@dataclass(frozen=True)
class Target:
    """What a request needs: scheme, ASCII host, port and the request path."""

    scheme: str  # "http" or "https"
    host: str  # ASCII (IDNA-encoded) host name or IP address, without brackets
    port: int
    path: str  # percent-encoded path and query, at least "/"

    @property
    def origin(self) -> str:
        """scheme://host:port, the key for per-host limits."""
        return f"{self.scheme}://{self.host}:{self.port}"


def redact(url: str) -> str:
    """The URL with any password replaced by `***`, safe to print.

    A URL that parses keeps its user name (`https://user:***@host/`); one that does not
    parse loses everything up to its last "@", since its password may contain "/".
    """
    match = _USERINFO.match(url)
    if match is None:
        loose = _LOOSE_USERINFO.match(url)
        if loose is None:
            return url
        try:
            urlsplit(url).port  # noqa: B018 - raises ValueError on a bad port or host
        except ValueError:
            return f"{loose['head']}***@{url[loose.end() :]}"
        return url  # "@" only after the authority, e.g. https://medium.com/@someone
    user, colon, _password = match["info"].partition(":")
    info = f"{user}:***" if colon else user
    return f"{match['head']}{info}@{url[match.end() :]}"


def _why(exc: ValueError) -> str:
    """urlsplit's complaint in words that never quote the URL.

    Its own messages quote the netloc or the port, which may be (part of) a password:
    `netloc 'user:secret@...'`, or `'secret'` for `http://user:secret/x@host/`.
    """
    text = str(exc)
    if "NFKC" in text:
        return "the host has characters that NFKC normalization turns into / ? # @ or :"
    if "IPv4 or IPv6" in text:
        return "the host in [ ] is not an IP address"
    if text.startswith("Invalid IPv6 URL"):
        return "unbalanced [ or ] in the host (Invalid IPv6 URL)"
    if text.startswith("Port"):
        return "the port is not a number from 0 to 65535"
    return "cannot be split into scheme, host and path"


def split_problem(url: str) -> str | None:
    """Why `urlsplit` rejects `url`, or None. Any URL, relative ones included.

    MkDocs splits every Markdown link and image URL with `urlsplit` and crashes with a
    traceback on a ValueError (`http://[::1/`, `http://[x]/`, `http://\u2100.com/`), and so
    would any hook doing the same: such a URL is an error before the build, in the
    validator and in the confine hook. (A bad port splits; `parse` refuses it.)
    """
    try:
        urlsplit(url)
    except ValueError as exc:
        return _why(exc)
    return None


def unsplittable(url: str, line: int, col: int) -> Finding | None:
    """`url` at `line:col` as a relative `external-malformed` finding when `urlsplit`
    rejects it (see `split_problem`), or None; what the validator and the confine hook
    report, password redacted."""
    reason = split_problem(url)
    if reason is None:
        return None
    return Finding("", line, col, "external-malformed", f"{redact(url)}: malformed URL: {reason}")


def has_credentials(url: str) -> bool:
    """Whether a URL that splits carries a user name or password (any scheme)."""
    parts = urlsplit(url)
    return parts.username is not None or parts.password is not None


def _ascii_host(host: str) -> str:
    if host.isascii():
        if host.startswith("xn--") or ".xn--" in host:
            try:
                idna.decode(host)
            except idna.IDNAError as exc:
                raise UrlError(f"host '{host}' is not a valid IDNA name ({exc})") from None
        labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
        if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
            raise UrlError(f"host '{host}' is not a valid host name")
        return host.lower()
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise UrlError(f"host '{host}' cannot be encoded with IDNA ({exc})") from None


def parse(url: str) -> Target:
    """The request target of an http(s) URL, or UrlError / CredentialsError."""
    url = url.partition("#")[0]
    if _CONTROL_OR_SPACE.search(url):
        raise UrlError("contains a space or a control character")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UrlError(_why(exc)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UrlError(f"scheme '{scheme}:' is not http or https")
    if parts.username is not None or parts.password is not None:
        raise CredentialsError("contains a user name or password")
    host = parts.hostname
    if not host:
        raise UrlError("has no host")
    if parts.netloc.endswith(":"):
        raise UrlError("has an empty port")
    if port == 0:
        raise UrlError("port 0 is not a valid port")
    if "[" in parts.netloc:  # urlsplit already checked that it is an IP address
        ascii_host = str(ipaddress.ip_address(host.partition("%")[0]))
    else:
        ascii_host = _ascii_host(host)
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_PATH_SAFE)
    return Target(scheme, ascii_host, port or (443 if scheme == "https" else 80), path)
