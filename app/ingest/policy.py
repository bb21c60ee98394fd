"""How far fetching a link may go."""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import IPv4Network, IPv6Network

from app.ingest.limits import ReadLimits

DEFAULT_USER_AGENT = "Mozilla/5.0 (compatible; Diptych/0.1; article comparison)"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """The limits of one fetch; the defaults suit a server on the public internet.

    timeout: seconds the whole fetch may take: every name lookup, connection
        and read, across all redirects. A server that sends a byte now and
        then is cut off too.
    max_bytes: the largest body read, in bytes (after any content decoding);
        a larger one is refused, and reading stops as soon as it is past.
    max_redirects: redirects followed; every hop is checked like the first.
    allowed_networks: networks fetched from although they are not public
        (private, loopback, link-local...), e.g. ip_network("10.20.0.0/16")
        for an intranet CMS. Empty by default: only public addresses.
    user_agent: the User-Agent header; some news sites refuse unknown ones.
    read_limits: how much reading a linked document may cost once fetched.
    """

    timeout: float = 10.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allowed_networks: tuple[IPv4Network | IPv6Network, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    read_limits: ReadLimits = field(default_factory=ReadLimits)

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError("timeout must be more than 0 seconds")
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be at least 1")
        if self.max_redirects < 0:
            raise ValueError("max_redirects must be 0 or more")
