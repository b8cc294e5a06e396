"""web.py: fetching pages with host checks on every hop, size cap, content types, retries.

All traffic goes to a real HTTP server on 127.0.0.1; "public" names are made with injected
resolvers, so nothing here touches the network.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import pytest
from loopback import PAGE, Reply, serving
from loopback import Site as Loopback

from newsevents.errors import FetchError
from newsevents.models import Document, Skipped
from newsevents.web import (
    USER_AGENT,
    fetch,
    iter_url_documents,
    make_client,
    refusal_reason,
)

PUBLIC_IP = "93.184.216.34"


@pytest.fixture(scope="module")
def loopback_server() -> Iterator[Loopback]:
    with serving() as site:
        yield site


@pytest.fixture
def loopback(loopback_server: Loopback) -> Loopback:
    """The module's server with no routes and no requests seen."""
    return loopback_server.reset()


def resolving(table: dict[str, str]):  # type: ignore[no-untyped-def]
    """A resolver that knows only `table` (name -> address) and IP literals."""

    def resolve(host: str, port: int) -> list[str]:
        return [table.get(host, host)]

    return resolve


def no_sleep(seconds: float) -> None:
    pass


# --- which hosts may be fetched -------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-global"),
        (PUBLIC_IP, None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
    ],
)
def test_refusal_reason_names_the_class_of_a_non_public_address(
    address: str, reason: str | None
) -> None:
    assert refusal_reason(address) == reason


def test_loopback_page_is_fetched_when_private_hosts_are_allowed(loopback: Loopback) -> None:
    url = loopback.route("/story", Reply())
    with make_client(allow_private_hosts=True, timeout=5) as client:
        document = fetch(url, client, allow_private_hosts=True)
    assert document == Document(url=url, body=PAGE, content_type="text/html")


def test_loopback_page_is_refused_before_any_connection_by_default(loopback: Loopback) -> None:
    url = loopback.route("/story", Reply())
    with make_client(timeout=5) as client, pytest.raises(FetchError, match="loopback"):
        fetch(url, client)
    assert loopback.requests == []


def test_public_looking_name_resolving_to_loopback_is_refused(loopback: Loopback) -> None:
    loopback.route("/story", Reply())
    url = loopback.url("/story", host="news.example.com")
    resolver = resolving({"news.example.com": "127.0.0.1"})
    with make_client(resolver=resolver, timeout=5) as client:
        with pytest.raises(FetchError, match="news.example.com resolves to loopback"):
            fetch(url, client)
    assert loopback.requests == []


def test_redirect_from_an_allowed_host_to_a_private_one_is_refused(loopback: Loopback) -> None:
    # fetch() believes wire.example.com is public; the client may reach loopback, so the first
    # hop is served locally. The redirect to 127.0.0.1 must be refused by fetch's own check.
    loopback.route("/hop", Reply(302, b"", None, (("Location", loopback.url("/secret")),)))
    loopback.route("/secret", Reply())
    client_view = resolving({"wire.example.com": "127.0.0.1"})
    fetch_view = resolving({"wire.example.com": PUBLIC_IP})
    with make_client(allow_private_hosts=True, resolver=client_view, timeout=5) as client:
        with pytest.raises(FetchError, match="loopback.*after a redirect"):
            fetch(loopback.url("/hop", host="wire.example.com"), client, resolver=fetch_view)
    assert (loopback.hits("/hop"), loopback.hits("/secret")) == (1, 0)


def test_dns_rebinding_between_check_and_connection_is_refused(loopback: Loopback) -> None:
    loopback.route("/story", Reply())
    answers = iter([PUBLIC_IP, "127.0.0.1"])  # public for the check, loopback for the connect

    def rebinding(host: str, port: int) -> list[str]:
        return [next(answers)]

    with make_client(resolver=rebinding, timeout=5) as client:
        with pytest.raises(FetchError, match="loopback"):
            fetch(loopback.url("/story", host="rebind.example.com"), client, retries=0)
    assert loopback.requests == []


def test_client_connects_to_the_address_it_checked(loopback: Loopback) -> None:
    loopback.route("/story", Reply())
    resolver = resolving({"news.test": "127.0.0.1"})  # unknown to the system resolver
    url = loopback.url("/story", host="news.test")
    with make_client(allow_private_hosts=True, resolver=resolver, timeout=5) as client:
        document = fetch(url, client, allow_private_hosts=True)
    assert document.body == PAGE
    assert loopback.requests[0][1]["Host"] == f"news.test:{loopback.port}"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/", "http://[::1]:8080/", "http://0x7f000001/", "http://2130706433/",
        "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_disguised_local_addresses_are_refused(url: str) -> None:
    with make_client() as client, pytest.raises(FetchError, match="refused"):
        fetch(url, client, retries=0)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/story", "gopher://example.com/"]
)
def test_urls_that_are_not_http_are_refused(url: str) -> None:
    with make_client() as client, pytest.raises(FetchError, match="unsupported URL scheme"):
        fetch(url, client)


# --- redirects, headers, content -----------------------------------------------------------


def test_redirects_are_followed_and_the_final_url_kept(loopback: Loopback) -> None:
    loopback.route("/old", Reply(301, b"", None, (("Location", "/new"),)))
    loopback.route("/new", Reply())
    with make_client(allow_private_hosts=True, timeout=5) as client:
        document = fetch(loopback.url("/old"), client, allow_private_hosts=True)
    assert document.url == loopback.url("/new")


@pytest.mark.parametrize(("hops", "ok"), [(5, True), (6, False)])
def test_at_most_five_redirects_are_followed(loopback: Loopback, hops: int, ok: bool) -> None:
    for hop in range(hops):
        loopback.route(f"/r{hop}", Reply(302, b"", None, (("Location", f"/r{hop + 1}"),)))
    loopback.route(f"/r{hops}", Reply())
    with make_client(allow_private_hosts=True, timeout=5) as client:
        if ok:
            assert fetch(loopback.url("/r0"), client, allow_private_hosts=True).body == PAGE
        else:
            with pytest.raises(FetchError, match="more than 5 redirects"):
                fetch(loopback.url("/r0"), client, allow_private_hosts=True)


def test_requests_carry_an_honest_user_agent(loopback: Loopback) -> None:
    url = loopback.route("/story", Reply())
    with make_client(allow_private_hosts=True, timeout=5) as client:
        fetch(url, client, allow_private_hosts=True)
    user_agent = loopback.requests[0][1]["User-Agent"]
    assert user_agent == USER_AGENT
    assert user_agent.startswith("newsevents/") and "(+https://" in user_agent


@pytest.mark.parametrize(
    ("header", "content_type"),
    [
        ("text/html; charset=windows-1252", "text/html"),
        ("application/xhtml+xml", "text/html"),
        ("text/plain", "text/plain"),
        ("application/rss+xml", "application/rss+xml"),
        ("application/atom+xml; charset=utf-8", "application/atom+xml"),
    ],
)
def test_pages_and_feeds_are_accepted_by_media_type(
    loopback: Loopback, header: str, content_type: str
) -> None:
    url = loopback.route("/doc", Reply(content_type=header))
    with make_client(allow_private_hosts=True, timeout=5) as client:
        assert fetch(url, client, allow_private_hosts=True).content_type == content_type


@pytest.mark.parametrize(("header", "shown"), [("image/png", "image/png"), (None, "(none)")])
def test_other_content_types_are_refused(
    loopback: Loopback, header: str | None, shown: str
) -> None:
    url = loopback.route("/logo", Reply(body=b"\x89PNG....", content_type=header))
    with make_client(allow_private_hosts=True, timeout=5) as client:
        with pytest.raises(FetchError, match=re.escape(f"unsupported content type {shown}")):
            fetch(url, client, allow_private_hosts=True)


@pytest.mark.parametrize("send_length", [True, False])
def test_a_body_larger_than_the_cap_is_refused(loopback: Loopback, send_length: bool) -> None:
    url = loopback.route("/huge", Reply(body=b"<p>" + b"x" * 5000, send_length=send_length))
    with make_client(allow_private_hosts=True, timeout=5, max_bytes=1000) as client:
        with pytest.raises(FetchError, match="larger than 1000 bytes"):
            fetch(url, client, allow_private_hosts=True)


def test_a_body_at_the_cap_is_accepted(loopback: Loopback) -> None:
    url = loopback.route("/full", Reply(body=b"y" * 1000, send_length=False))
    with make_client(allow_private_hosts=True, timeout=5, max_bytes=1000) as client:
        assert len(fetch(url, client, allow_private_hosts=True).body) == 1000


# --- retries --------------------------------------------------------------------------------


def test_a_503_is_retried_after_a_backoff(loopback: Loopback) -> None:
    url = loopback.route("/busy", Reply(503, b"busy", "text/plain"), Reply())
    sleeps: list[float] = []
    with make_client(allow_private_hosts=True, timeout=5) as client:
        document = fetch(url, client, allow_private_hosts=True, sleep=sleeps.append)
    assert (document.body, loopback.hits("/busy"), sleeps) == (PAGE, 2, [1.0])


@pytest.mark.parametrize(("retry_after", "slept"), [("7", 7.0), ("3600", 60.0), ("soon", 1.0)])
def test_retry_after_is_honoured_up_to_a_cap(
    loopback: Loopback, retry_after: str, slept: float
) -> None:
    url = loopback.route(
        "/limited", Reply(429, b"", "text/plain", (("Retry-After", retry_after),)), Reply()
    )
    sleeps: list[float] = []
    with make_client(allow_private_hosts=True, timeout=5) as client:
        fetch(url, client, allow_private_hosts=True, sleep=sleeps.append)
    assert sleeps == [slept]


def test_persistent_failure_is_reported_after_the_retries(loopback: Loopback) -> None:
    url = loopback.route("/down", Reply(503, b"", "text/plain"))
    sleeps: list[float] = []
    with make_client(allow_private_hosts=True, timeout=5) as client:
        with pytest.raises(FetchError, match="HTTP 503"):
            fetch(url, client, allow_private_hosts=True, retries=2, sleep=sleeps.append)
    assert (loopback.hits("/down"), sleeps) == (3, [1.0, 2.0])


def test_a_404_is_reported_without_retrying(loopback: Loopback) -> None:
    sleeps: list[float] = []
    with make_client(allow_private_hosts=True, timeout=5) as client:
        with pytest.raises(FetchError, match="HTTP 404"):
            fetch(loopback.url("/gone"), client, allow_private_hosts=True, sleep=sleeps.append)
    assert (loopback.hits("/gone"), sleeps) == (1, [])


def test_a_server_slower_than_the_timeout_is_retried_then_reported(loopback: Loopback) -> None:
    url = loopback.route("/slow", Reply(delay=1.0))
    sleeps: list[float] = []
    with make_client(allow_private_hosts=True, timeout=0.2) as client:
        with pytest.raises(FetchError, match="ReadTimeout"):
            fetch(url, client, allow_private_hosts=True, retries=1, sleep=sleeps.append)
    assert (loopback.hits("/slow"), sleeps) == (2, [1.0])


def test_a_refused_connection_is_retried_then_reported() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps: list[float] = []
    with make_client(allow_private_hosts=True, timeout=5) as client:
        with pytest.raises(FetchError, match="ConnectError"):
            fetch(f"http://127.0.0.1:{port}/", client, allow_private_hosts=True, retries=2,
                  sleep=sleeps.append)
    assert sleeps == [1.0, 2.0]


# --- URLs as a source -----------------------------------------------------------------------


def test_url_documents_expand_feeds_and_skip_failures(loopback: Loopback) -> None:
    page = loopback.route("/page", Reply())
    item = loopback.route("/item", Reply())
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Item</title><link>{item}</link></item></channel></rss>"
    ).encode()
    feed = loopback.route("/feed", Reply(body=rss, content_type="application/rss+xml"))
    urls = [page, feed, loopback.url("/missing")]
    with make_client(allow_private_hosts=True, timeout=5) as client:
        results = list(iter_url_documents(urls, client, allow_private_hosts=True, sleep=no_sleep))
    assert [r.url if isinstance(r, Document) else r for r in results] == [
        page, item, Skipped(loopback.url("/missing"), "HTTP 404"),
    ]
    assert results[1].title_hint == "Item"  # type: ignore[union-attr]


def test_url_documents_report_a_refused_host_as_skipped(loopback: Loopback) -> None:
    url = loopback.route("/page", Reply())
    with make_client(timeout=5) as client:
        [result] = list(iter_url_documents([url], client))
    assert isinstance(result, Skipped) and "loopback" in result.reason
    assert loopback.requests == []
