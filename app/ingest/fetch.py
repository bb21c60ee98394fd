"""Fetching the article a link points to, server-side, within a FetchPolicy.

Only http and https links; redirects are followed here, one hop at a time,
and every hop is checked like the first. Each hop's host is resolved and
all its addresses checked by app.ingest.addresses; the request then goes to
the checked address itself: the URL's host is replaced by the IP, the Host
header keeps the link's host (and port), and for https the TLS server name
(SNI) and the certificate check use the link's host through httpcore's
"sni_hostname" request extension. Nothing resolves the name a second time
between the check and the connection, so DNS rebinding cannot switch it.
trust_env=False: a proxy from the environment would carry the request
elsewhere.

A body is read as it streams and refused as soon as it passes the size
cap (or at once, if its Content-Length says so), and the whole fetch has
one deadline; "Accept-Encoding: identity" asks for no compression, so the
cap counts what the server sends.
"""

from __future__ import annotations

import re
import time

import httpx

from app.ingest.addresses import FetchError, IPAddress, checked_address
from app.ingest.article import Article, Kind
from app.ingest.errors import InputError
from app.ingest.formats import DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE
from app.ingest.policy import FetchPolicy
from app.ingest.upload import parse_content_type, read_as, sniff

SCHEMES = ("http", "https")
# What a host may be once IDNA-encoded: a name, an IPv4 or an IPv6 address
# (httpx percent-encodes anything else rather than refuse it).
_HOST = re.compile(r"[A-Za-z0-9._:-]+")
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
FETCHED = {
    "text/html": Kind.HTML,
    "application/xhtml+xml": Kind.HTML,
    "text/plain": Kind.TEXT,
    DOCX_MEDIA_TYPE: Kind.DOCX,
    PDF_MEDIA_TYPE: Kind.PDF,
}
FETCHED_KINDS = "a web page, plain text, a Word document or a PDF"
# Servers that do not say what they send: the content decides.
UNLABELLED = frozenset({"", "application/octet-stream"})
ACCEPT = (
    "text/html, application/xhtml+xml, text/plain;q=0.9, "
    f"{DOCX_MEDIA_TYPE};q=0.8, {PDF_MEDIA_TYPE};q=0.8"
)


def fetch(url: str, policy: FetchPolicy) -> Article:
    """The article at `url`, or InputError naming `url` and the problem."""
    deadline = time.monotonic() + policy.timeout
    first = target = _parse(url)
    try:
        with httpx.Client(trust_env=False, follow_redirects=False) as client:
            for _ in range(policy.max_redirects + 1):
                response = _send(client, target, policy, deadline)
                try:
                    location = _redirect(response, target)
                    if location is None:
                        return _article(response, url, target, policy, deadline)
                finally:
                    response.close()
                target = location
    except FetchError as refused:
        hop = "" if target == first else f" (redirected to {target})"
        raise InputError(url, refused.problem + hop) from None
    except httpx.TimeoutException:
        raise InputError(url, _too_slow(policy)) from None
    except httpx.HTTPError as error:
        raise InputError(
            url, f"could not be fetched ({str(error) or type(error).__name__})"
        ) from None
    raise InputError(url, f"redirects more than {policy.max_redirects} times")


def pinned_request(
    client: httpx.Client, target: httpx.URL, address: IPAddress, policy: FetchPolicy, timeout: float
) -> httpx.Request:
    """A GET of `target` sent to `address`, with the Host header and TLS name of `target`."""
    headers = {
        "Host": target.netloc.decode("ascii"),
        "User-Agent": policy.user_agent,
        "Accept": ACCEPT,
        "Accept-Encoding": "identity",
    }
    extensions = (
        {"sni_hostname": target.raw_host.decode("ascii")} if target.scheme == "https" else {}
    )
    pinned = target.copy_with(host=str(address))
    return client.build_request(
        "GET", pinned, headers=headers, extensions=extensions, timeout=timeout
    )


def check_link(url: str) -> None:
    """InputError unless `url` is a link `fetch` would try; nothing is fetched."""
    _parse(url)


def _parse(url: str | httpx.URL) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except httpx.InvalidURL:
        raise InputError(str(url), "is not a valid link") from None
    if not target.scheme:
        raise InputError(str(url), "is not a link: it should start with http:// or https://")
    if target.scheme not in SCHEMES:
        problem = f"only http and https links are fetched, not {target.scheme}: links"
        raise InputError(str(url), problem)
    if not target.host:
        raise InputError(str(url), "has no host name")
    if not _HOST.fullmatch(target.raw_host.decode("ascii")) or not 0 < (target.port or 80) < 65536:
        raise InputError(str(url), "is not a valid link")
    if target.userinfo:
        raise InputError(str(url), "links with a user name or password are not fetched")
    return target


def _send(
    client: httpx.Client, target: httpx.URL, policy: FetchPolicy, deadline: float
) -> httpx.Response:
    port = target.port or (443 if target.scheme == "https" else 80)
    host = target.raw_host.decode("ascii")  # IDNA-encoded, as httpx would send it
    address = checked_address(host, port, policy.allowed_networks, _left(policy, deadline))
    # Each read may take what is left of the deadline; _read_body checks
    # the deadline between reads, so a trickling server is cut off too.
    request = pinned_request(client, target, address, policy, _left(policy, deadline))
    return client.send(request, stream=True)


def _redirect(response: httpx.Response, target: httpx.URL) -> httpx.URL | None:
    """Where a redirect points (checked as a link), None for a success, else FetchError."""
    if response.status_code in REDIRECT_CODES:
        location = response.headers.get("location")
        if not location:
            raise FetchError("redirects without saying where to")
        try:
            return _parse(target.join(location))
        except InputError as error:
            raise FetchError(f"redirects to {error.name}: {error.problem}") from None
    if not response.is_success:
        raise FetchError(f"the server answered {response.status_code} {response.reason_phrase}")
    return None


def _article(
    response: httpx.Response, url: str, target: httpx.URL, policy: FetchPolicy, deadline: float
) -> Article:
    media_type, charset = parse_content_type(response.headers.get("content-type"))
    kind = FETCHED.get(media_type)
    if kind is None and media_type not in UNLABELLED:
        raise FetchError(f"gives {media_type}, not {FETCHED_KINDS}")
    body = _read_body(response, policy, deadline)
    kind = kind or sniff(body)
    if kind is None:
        raise FetchError(f"does not give {FETCHED_KINDS}")
    return read_as(
        kind, body, url, charset=charset, source_url=str(target), limits=policy.read_limits
    )


def _read_body(response: httpx.Response, policy: FetchPolicy, deadline: float) -> bytes:
    too_large = f"is larger than {policy.max_bytes:,} bytes"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(too_large)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > policy.max_bytes:
            raise FetchError(too_large)
        if time.monotonic() > deadline:
            raise FetchError(_too_slow(policy))
    return bytes(body)


def _left(policy: FetchPolicy, deadline: float) -> float:
    """Seconds left before `deadline`; FetchError once there are none."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(_too_slow(policy))
    return left


def _too_slow(policy: FetchPolicy) -> str:
    return f"did not answer within {policy.timeout:g} seconds"
