"""Fetching links: against the tests' own server on 127.0.0.1, and refusals with no traffic.

The server is allowed by LOCAL_POLICY (127.0.0.1/32 only); every other
address a test names is refused before any connection, which the
`loopback_only` guard in conftest.py would catch otherwise.
"""

from __future__ import annotations

import datetime
import socket
import time
from dataclasses import replace
from ipaddress import ip_address
from typing import Any

import httpx
import pytest

from app.ingest import FetchPolicy, InputError, Kind, PdfLimits, ReadLimits, fetch_article
from app.ingest.fetch import pinned_request
from app.ingest.webpage import NO_ARTICLE
from tests.ingest import pdfs
from tests.ingest.conftest import LOCAL_POLICY
from tests.ingest.local_site import LocalSite, page, redirect, stalled, trickling
from tests.ingest.samples import (
    ARTICLE_TEXT,
    HEADLINE,
    NO_ARTICLE_PAGE,
    WORD_TEXT,
    article_page,
    word_document,
)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
QUICK = replace(LOCAL_POLICY, timeout=0.5)
CP1252 = "The “Café” is open again, said the owner."


def refusal(url: str, policy: FetchPolicy = LOCAL_POLICY) -> str:
    """The problem fetch_article names for `url` (its InputError must name the URL)."""
    with pytest.raises(InputError) as caught:
        fetch_article(url, policy)
    assert caught.value.name == url
    return caught.value.problem


def test_an_article_page_is_fetched_and_reduced(site: LocalSite) -> None:
    site.routes["/story"] = page(article_page(), "text/html; charset=utf-8")
    site.routes["/moved"] = redirect("/story", 301)
    article = fetch_article(site.url("/moved"), LOCAL_POLICY)
    assert article.text == ARTICLE_TEXT
    assert (article.kind, article.title, article.author) == (Kind.HTML, HEADLINE, "Jane Doe")
    assert article.date == datetime.date(2024, 3, 5)
    assert (article.name, article.source_url) == (site.url("/moved"), site.url("/story"))


@pytest.mark.parametrize(
    ("body", "content_type", "text"),
    [
        pytest.param("Café.\n".encode(), "text/plain; charset=utf-8", "Café.\n", id="utf-8"),
        pytest.param(CP1252.encode("cp1252"), "text/plain", CP1252, id="cp1252-guessed"),
        pytest.param(
            CP1252.encode("cp1252"), "text/plain; charset=iso-8859-1", CP1252, id="latin-1"
        ),
        pytest.param(word_document(), DOCX_TYPE, WORD_TEXT, id="docx"),
        pytest.param(word_document(), "application/octet-stream", WORD_TEXT, id="docx-sniffed"),
        pytest.param(article_page(), None, ARTICLE_TEXT, id="html-unlabelled"),
        pytest.param(pdfs.hyphenated(), "application/pdf", pdfs.HYPHENATED_TEXT, id="pdf"),
        pytest.param(pdfs.hyphenated(), None, pdfs.HYPHENATED_TEXT, id="pdf-sniffed"),
    ],
)
def test_other_kinds_by_content_type(
    site: LocalSite, body: bytes, content_type: str | None, text: str
) -> None:
    site.routes["/doc"] = page(body, content_type)
    assert fetch_article(site.url("/doc"), LOCAL_POLICY).text == text


def test_a_linked_pdf_is_read_within_the_policy_s_pdf_limits(site: LocalSite) -> None:
    site.routes["/long.pdf"] = page(pdfs.pages(3), "application/pdf")
    policy = replace(LOCAL_POLICY, read_limits=ReadLimits(pdf=PdfLimits(max_pages=2)))
    assert refusal(site.url("/long.pdf"), policy) == "has 3 pages; at most 2 are read"


def test_the_default_policy_refuses_the_local_server(site: LocalSite) -> None:
    site.routes["/story"] = page(article_page(), "text/html")
    assert refusal(site.url("/story"), FetchPolicy()) == "loopback addresses are not fetched"
    assert site.requests == []


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://10.0.0.1/", "private addresses are not fetched"),
        ("http://192.168.1.1:8080/admin", "private addresses are not fetched"),
        ("http://169.254.169.254/latest/meta-data/", "link-local addresses are not fetched"),
        ("http://[::1]/", "loopback addresses are not fetched"),
        ("http://[::ffff:127.0.0.1]/", "loopback addresses are not fetched"),
        ("https://[::ffff:10.0.0.1]/", "private addresses are not fetched"),
        ("http://0.0.0.0/", "unspecified addresses are not fetched"),
        ("http://224.0.0.1/", "multicast addresses are not fetched"),
        ("ftp://example.org/story.txt", "only http and https links are fetched, not ftp: links"),
        ("file:///etc/passwd", "only http and https links are fetched, not file: links"),
        ("gopher://example.org/", "only http and https links are fetched, not gopher: links"),
        ("example.org/story", "is not a link: it should start with http:// or https://"),
        ("http:///story", "has no host name"),
        ("http://user:pw@example.org/", "links with a user name or password are not fetched"),
        ("http://exa mple.org/", "is not a valid link"),
        ("http://example.org:99999/", "is not a valid link"),
    ],
)
def test_refused_without_touching_the_network(url: str, problem: str) -> None:
    assert refusal(url, FetchPolicy()) == problem


def test_redirects_up_to_the_limit_are_followed(site: LocalSite) -> None:
    site.routes["/story"] = page(article_page(), "text/html")
    for hop in range(1, 5):
        site.routes[f"/hop{hop}"] = redirect(f"/hop{hop - 1}" if hop > 1 else "/story")
    policy = replace(LOCAL_POLICY, max_redirects=3)
    assert fetch_article(site.url("/hop3"), policy).source_url == site.url("/story")
    assert refusal(site.url("/hop4"), policy) == "redirects more than 3 times"


@pytest.mark.parametrize(
    ("location", "problem"),
    [
        ("http://10.0.0.1/", "private addresses are not fetched (redirected to http://10.0.0.1/)"),
        (
            "http://169.254.169.254/latest",
            "link-local addresses are not fetched (redirected to http://169.254.169.254/latest)",
        ),
        (
            "http://127.0.0.2:9/",
            "loopback addresses are not fetched (redirected to http://127.0.0.2:9/)",
        ),
        (
            "ftp://example.org/x",
            "redirects to ftp://example.org/x: only http and https links are fetched, "
            "not ftp: links",
        ),
    ],
)
def test_a_redirect_to_a_refused_address_is_refused(
    site: LocalSite, location: str, problem: str
) -> None:
    site.routes["/away"] = redirect(location)
    assert refusal(site.url("/away")) == problem


def test_a_redirect_without_location(site: LocalSite) -> None:
    def route(handler: Any) -> None:
        handler.send_response(302)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site.routes["/nowhere"] = route
    assert refusal(site.url("/nowhere")) == "redirects without saying where to"


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "until-close"])
def test_an_oversized_body_is_refused(site: LocalSite, length: bool) -> None:
    body = article_page()
    site.routes["/big"] = page(body, "text/html", length=length)
    just_enough = replace(LOCAL_POLICY, max_bytes=len(body))
    assert fetch_article(site.url("/big"), just_enough).text == ARTICLE_TEXT
    too_small = replace(LOCAL_POLICY, max_bytes=len(body) - 1)
    assert refusal(site.url("/big"), too_small) == f"is larger than {len(body) - 1:,} bytes"


@pytest.mark.parametrize("route", [stalled, trickling], ids=["silent", "trickling"])
def test_a_slow_server_hits_the_timeout(site: LocalSite, route: Any) -> None:
    site.routes["/slow"] = route(site)
    started = time.monotonic()
    assert refusal(site.url("/slow"), QUICK) == "did not answer within 0.5 seconds"
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    ("content_type", "problem"),
    [
        ("image/png", "gives image/png, not a web page, plain text, a Word document or a PDF"),
        (
            "application/json",
            "gives application/json, not a web page, plain text, a Word document or a PDF",
        ),
    ],
)
def test_other_content_types_are_refused(site: LocalSite, content_type: str, problem: str) -> None:
    site.routes["/file"] = page(b"%PDF-1.4 not read", content_type)
    assert refusal(site.url("/file")) == problem


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "application/octet-stream", "does not give a web page"),
        (NO_ARTICLE_PAGE, "text/html", NO_ARTICLE),
        (b"", "text/plain", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain", "is a binary file, not text"),
    ],
)
def test_bodies_without_an_article(
    site: LocalSite, body: bytes, content_type: str, problem: str
) -> None:
    site.routes["/page"] = page(body, content_type)
    assert refusal(site.url("/page")).startswith(problem)


def test_an_error_status(site: LocalSite) -> None:
    assert refusal(site.url("/missing")) == "the server answered 404 Not Found"


def test_nothing_listening(site: LocalSite) -> None:
    with socket.socket() as spare:  # a port nothing listens on: bound, never listening
        spare.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{spare.getsockname()[1]}/"
        assert refusal(url).startswith("could not be fetched (")


def test_the_checked_address_is_the_one_connected_to(
    site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name is looked up once per hop: a second answer (DNS rebinding) is never used."""
    real_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "news.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        lookups.append(host)
        answer = "127.0.0.1" if len(lookups) == 1 else "10.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    site.routes["/story"] = page(article_page(), "text/html")
    url = site.url("/story", host="news.example")
    assert fetch_article(url, LOCAL_POLICY).text == ARTICLE_TEXT
    assert lookups == ["news.example"]
    assert site.requests == [("/story", f"news.example:{site.port}")]


@pytest.mark.parametrize(
    ("url", "address", "sent_to", "host", "sni"),
    [
        ("https://news.example/a?b=1", "93.184.216.34", "https://93.184.216.34/a?b=1",
         "news.example", "news.example"),
        ("https://nëws.example:8443/a", "2606:4700::1", "https://[2606:4700::1]:8443/a",
         "xn--nws-jma.example:8443", "xn--nws-jma.example"),
        ("http://news.example:8080/a", "93.184.216.34", "http://93.184.216.34:8080/a",
         "news.example:8080", None),
    ],
)  # fmt: skip
def test_pinned_request_keeps_the_host_name_for_http_and_tls(
    url: str, address: str, sent_to: str, host: str, sni: str | None
) -> None:
    with httpx.Client() as client:
        request = pinned_request(client, httpx.URL(url), ip_address(address), FetchPolicy(), 1.0)
    assert str(request.url) == sent_to
    assert request.headers["host"] == host
    assert request.extensions.get("sni_hostname") == sni
