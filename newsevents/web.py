"""Fetch news pages and feeds over http(s) without letting a URL reach private networks.

Every hop of a redirect chain is checked before it is requested: the host is resolved and
refused when any of its addresses is loopback, private, link-local, multicast, reserved,
unspecified or otherwise not globally routable, unless private hosts are allowed. Clients made
by `make_client` check again when they open a connection, and connect to the address they
checked, so a DNS answer that changes between the check and the connection (DNS rebinding)
cannot reach a private address.

Residual risk: a client *not* made by `make_client` (a custom transport) gets the per-hop check
only, so a rebinding DNS server can still answer "public" to the check and "private" to the
connection; services that are internal but sit on public addresses are not recognised; proxies
from the environment are ignored (a proxy resolves names itself, out of our sight).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from newsevents import __version__
from newsevents.errors import FetchError
from newsevents.models import Document, Skipped

USER_AGENT = f"newsevents/{__version__} (+https://github.com/newsevents)"
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE_SECONDS = 1.0
MAX_RETRY_DELAY_SECONDS = 60.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT_SECONDS = 15.0
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Most specific first: "private" also covers most of the others in Python's tables.
_ADDRESS_CLASSES = ("unspecified", "loopback", "link_local", "multicast", "reserved", "private")

Resolver = Callable[[str, int], Sequence[str]]
"""Resolve (host, port) to IP address strings; `resolve_host` is the system resolver."""

Sleep = Callable[[float], object]


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for `host`, in its order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(host, f"cannot resolve host: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refusal_reason(address: str) -> str | None:
    """Why an address must not be fetched by default ("loopback", ...), or None if it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # "::ffff:127.0.0.1" is loopback in disguise
    for name in _ADDRESS_CLASSES:
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    return None if ip.is_global else "non-global"


def check_host(
    host: str, port: int, *, allow_private_hosts: bool, resolver: Resolver = resolve_host
) -> list[str]:
    """Resolve `host` and return its addresses; FetchError if any of them is refused."""
    addresses = list(resolver(host, port))
    if not addresses:
        raise FetchError(host, "host has no addresses")
    if allow_private_hosts:
        return addresses
    for address in addresses:
        reason = refusal_reason(address)
        if reason is not None:
            raise FetchError(
                host, f"refused: {host} resolves to {reason} address {address} "
                "(private hosts are not allowed)"
            )
    return addresses


class _CheckedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses that passed `check_host`, and to those exactly."""

    def __init__(self, *, allow_private_hosts: bool, resolver: Resolver) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private_hosts = allow_private_hosts
        self._resolver = resolver

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = check_host(
            host, port, allow_private_hosts=self._allow_private_hosts, resolver=self._resolver
        )
        failure: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # check_host never returns an empty list
        raise failure

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _checked_transport(*, allow_private_hosts: bool, resolver: Resolver) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(trust_env=False)
    if not hasattr(transport, "_pool"):
        raise RuntimeError("this httpx version has no HTTPTransport._pool; update web.py")
    # httpx has no public seam for the network backend: swap in a pool that uses ours.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        network_backend=_CheckedBackend(
            allow_private_hosts=allow_private_hosts, resolver=resolver
        ),
    )
    return transport


class WebClient(httpx.Client):
    """An httpx.Client that also carries the size cap and resolver `fetch` applies."""

    def __init__(self, *, max_bytes: int, resolver: Resolver, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_bytes = max_bytes
        self.resolver = resolver


def make_client(
    *,
    allow_private_hosts: bool = False,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver = resolve_host,
) -> WebClient:
    """A client for `fetch`; without `transport` it re-checks every connection it opens."""
    if transport is None:
        transport = _checked_transport(allow_private_hosts=allow_private_hosts, resolver=resolver)
    return WebClient(
        max_bytes=max_bytes,
        resolver=resolver,
        transport=transport,
        timeout=timeout,
        follow_redirects=False,  # fetch follows them itself, checking every hop
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
    )


@dataclass(frozen=True)
class _Reply:
    """One HTTP exchange: a redirect, a failure status, or a page read within the size cap."""

    status: int
    location: str | None = None
    retry_after: float | None = None
    content_type: str = ""
    body: bytes = b""


def is_url(name: str) -> bool:
    """True for the http(s) URLs this module fetches (how sources tell URLs from paths)."""
    return name.lower().startswith(("http://", "https://"))


def media_type(header: str | None) -> str:
    """"text/html; charset=utf-8" -> "text/html"."""
    return (header or "").split(";", 1)[0].strip().lower()


def _retry_after_seconds(header: str | None) -> float | None:
    """Retry-After in seconds; an HTTP-date (or garbage) gives None, i.e. normal backoff."""
    try:
        return max(0.0, float(header)) if header else None
    except ValueError:
        return None


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"body larger than {max_bytes} bytes (Content-Length {declared})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded bytes: the cap also stops gzip bombs
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"body larger than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _exchange(client: httpx.Client, url: httpx.URL, max_bytes: int) -> _Reply:
    with client.stream("GET", url) as response:
        status = response.status_code
        if response.is_redirect:
            return _Reply(status, location=response.headers["location"])
        if not 200 <= status < 300:
            retry_after = _retry_after_seconds(response.headers.get("retry-after"))
            return _Reply(status, retry_after=retry_after)
        content_type = media_type(response.headers.get("content-type"))
        if content_type not in PAGE_TYPES | FEED_TYPES:
            raise FetchError(str(url), f"unsupported content type {content_type or '(none)'}")
        body = _read_capped(response, str(url), max_bytes)
        return _Reply(status, content_type=content_type, body=body)


def _backoff(attempt: int, retry_after: float | None) -> float:
    delay = retry_after if retry_after is not None else BACKOFF_BASE_SECONDS * 2**attempt
    return min(delay, MAX_RETRY_DELAY_SECONDS)


def _exchange_with_retries(
    client: httpx.Client, url: httpx.URL, *, max_bytes: int, retries: int, sleep: Sleep
) -> _Reply:
    """Retry 429/5xx and network failures with exponential backoff (Retry-After wins)."""
    for attempt in range(retries + 1):
        last_try = attempt == retries
        try:
            reply = _exchange(client, url, max_bytes)
        except (httpx.TimeoutException, httpx.NetworkError) as exc:
            if last_try:
                raise FetchError(str(url), f"{type(exc).__name__}: {exc}") from exc
            sleep(_backoff(attempt, None))
            continue
        except httpx.HTTPError as exc:
            raise FetchError(str(url), f"{type(exc).__name__}: {exc}") from exc
        if reply.status in RETRY_STATUSES and not last_try:
            sleep(_backoff(attempt, reply.retry_after))
            continue
        return reply
    raise AssertionError("unreachable: the last attempt returns or raises")


def _checked_url(url: httpx.URL, *, allow_private_hosts: bool, resolver: Resolver) -> None:
    if url.scheme not in _DEFAULT_PORTS:
        raise FetchError(str(url), f"unsupported URL scheme {url.scheme or '(none)'}")
    if not url.host:
        raise FetchError(str(url), "URL has no host")
    port = url.port or _DEFAULT_PORTS[url.scheme]
    check_host(url.host, port, allow_private_hosts=allow_private_hosts, resolver=resolver)


def fetch(
    url: str,
    client: httpx.Client,
    *,
    allow_private_hosts: bool = False,
    retries: int = 3,
    sleep: Sleep = time.sleep,
    resolver: Resolver | None = None,
) -> Document:
    """GET a page or feed; redirects are followed here (at most 5), each hop checked first.

    Document.url is the final URL; published_hint stays None (the page's own date wins).
    Raises FetchError(url, reason) for refused hosts, HTTP errors, oversize or odd content.
    """
    max_bytes = client.max_bytes if isinstance(client, WebClient) else DEFAULT_MAX_BYTES
    if resolver is None:
        resolver = client.resolver if isinstance(client, WebClient) else resolve_host
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid URL: {exc}") from exc
    for hop in range(MAX_REDIRECTS + 1):
        try:
            _checked_url(current, allow_private_hosts=allow_private_hosts, resolver=resolver)
            reply = _exchange_with_retries(
                client, current, max_bytes=max_bytes, retries=retries, sleep=sleep
            )
        except FetchError as exc:
            where = f" (after a redirect to {current})" if hop else ""
            raise FetchError(url, f"{exc.reason}{where}") from exc
        if reply.location is None:
            return _document(url, current, reply)
        current = current.join(reply.location)
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def _document(url: str, final: httpx.URL, reply: _Reply) -> Document:
    if not 200 <= reply.status < 300:
        raise FetchError(url, f"HTTP {reply.status}")
    # Downstream stages know "text/html"; XHTML is HTML to them.
    xhtml = reply.content_type == "application/xhtml+xml"
    return Document(
        url=str(final), body=reply.body, content_type="text/html" if xhtml else reply.content_type
    )


def iter_url_documents(
    urls: Iterable[str],
    client: httpx.Client,
    *,
    allow_private_hosts: bool = False,
    retries: int = 3,
    sleep: Sleep = time.sleep,
) -> Iterator[Document | Skipped]:
    """One Document per page URL; a URL that answers with a feed yields its items' pages."""
    from newsevents import feeds  # feeds imports this module: import at call time

    for url in urls:
        try:
            document = fetch(
                url, client, allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep
            )
        except FetchError as exc:
            yield Skipped(url, exc.reason)
            continue
        if document.content_type in FEED_TYPES:
            yield from feeds.iter_feed_body_documents(
                document.body, document.url, client,
                allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep,
            )
        else:
            yield document
