"""A small static web site on 127.0.0.1 for end-to-end tests: no test touches the network.

`Site.route(path, *replies)` serves the replies in turn (the last one repeats); a path
without a route answers 404. Every request is recorded with its headers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml"
PAGE = b"<html><head><title>Talks resume</title></head><body><p>Talks resumed.</p></body></html>"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = PAGE
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    send_length: bool = True  # False: no Content-Length, the body ends when the connection does
    delay: float = 0.0  # seconds before the reply starts


@dataclass
class Site:
    port: int = 0
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def route(self, path: str, *replies: Reply) -> str:
        with self.lock:
            self.routes[path] = list(replies)
        return self.url(path)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def reset(self) -> Site:
        """No routes and no requests seen: what each test starts from."""
        with self.lock:
            self.routes.clear()
            self.requests.clear()
        return self

    def hits(self, path: str) -> int:
        return sum(1 for requested, _headers in self.requests if requested == path)

    def next_reply(self, path: str, headers: dict[str, str]) -> Reply:
        with self.lock:
            self.requests.append((path, headers))
            replies = self.routes.get(path)
            if not replies:
                return Reply(404, b"not found", "text/plain")
            return replies.pop(0) if len(replies) > 1 else replies[0]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        site: Site = self.server.site  # type: ignore[attr-defined]
        reply = site.next_reply(self.path, dict(self.headers.items()))
        time.sleep(reply.delay)
        self.send_response(reply.status)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.send_length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving() -> Iterator[Site]:
    """A site on a free port of 127.0.0.1, served from a thread while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    site = Site(port=server.server_address[1])
    server.site = site  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def rss(*items: tuple[str, str, str | None]) -> bytes:
    """An RSS 2.0 feed of (title, link, pubDate) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        + (f"<pubDate>{published}</pubDate>" if published else "")
        + "</item>"
        for title, link, published in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test wire</title><link>https://wire.example/</link>{entries}</channel></rss>"
    ).encode()
