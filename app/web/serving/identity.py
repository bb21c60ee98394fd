"""Who is asking: their browser session, name, sign-on user and owner token;
and the checks that keep other sites from posting in their name.

Cookies, all HttpOnly, SameSite=Lax, and Secure when served over https:

- `diptych_session`: a random id per browser. It lets a commenter edit or
  delete their own comments, and the forms' CSRF token is derived from it.
- `diptych_name`: the name a commenter typed once (not a secret).
- `diptych_owner`: the owner token of one comparison, with the cookie's Path
  set to that comparison's page (`/c/{id}`), so each comparison has its own
  secret and the browser sends it only to that comparison's pages and forms.

Behind a newsroom's sign-on proxy (`Settings.user_header`), the header names
the person: it is their name for comments and marks, and their ownership.

Cross-site request forgery: every state-changing form carries `csrf_token`,
a hash of the session id (a page of another site can neither read the
session cookie nor compute the token), and a request whose Origin (or, where
a browser sends none, Referer) is another site is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from starlette.requests import Request
from starlette.responses import Response

from app.service import Requester

SESSION_COOKIE = "diptych_session"
NAME_COOKIE = "diptych_name"
OWNER_COOKIE = "diptych_owner"
# The API's owner token; the old name still works.
OWNER_TOKEN_HEADERS = ("x-owner-token", "x-delete-token")
YEAR_SECONDS = 365 * 24 * 3600
CROSS_SITE = (
    "This form was sent from another site, or your session cookie is missing: "
    "reload the page and try again."
)


@dataclass(frozen=True, slots=True)
class Visitor:
    """What a request says of the person sending it."""

    session: str | None  # the browser session id, if the browser sent one
    name: str  # the name they typed before, "" if none
    user: str | None  # the sign-on user, when a proxy names people
    owner_token: str | None  # for the comparison asked about, from a cookie or header

    @property
    def requester(self) -> Requester:
        return Requester(token=self.owner_token, user=self.user)

    @property
    def author_key(self) -> str | None:
        """The secret a comment is tied to: the sign-on user, else the browser session."""
        if self.user is not None:
            return f"user:{self.user}"
        return self.session

    @property
    def display_name(self) -> str:
        return self.user if self.user is not None else self.name

    @property
    def csrf_token(self) -> str:
        return csrf_token_for(self.session or "")


def csrf_token_for(session: str) -> str:
    return hashlib.sha256(f"csrf:{session}".encode()).hexdigest()[:32]


def visitor(request: Request, user_header: str) -> Visitor:
    user = request.headers.get(user_header, "").strip() if user_header else ""
    token = next(
        (request.headers[name] for name in OWNER_TOKEN_HEADERS if request.headers.get(name)),
        request.cookies.get(OWNER_COOKIE),
    )
    return Visitor(
        session=request.cookies.get(SESSION_COOKIE) or None,
        name=unquote(request.cookies.get(NAME_COOKIE, ""))[:100],
        user=user or None,
        owner_token=token or None,
    )


def new_session() -> str:
    return secrets.token_urlsafe(24)


def same_origin(request: Request) -> bool:
    """False if the browser says the request comes from a page of another site.

    Browsers send Origin on every form post (Referer where they do not); a
    request with neither is no browser's cross-site post, and its token
    still has to match.
    """
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if not claimed:
        return True
    return claimed != "null" and urlsplit(claimed).netloc == request.headers.get("host", "")


def form_allowed(request: Request, person: Visitor, token: str) -> bool:
    """Whether a form post may change anything: same origin and the session's token."""
    if not same_origin(request) or not person.session:
        return False
    return hmac.compare_digest(token.encode(), csrf_token_for(person.session).encode())


def set_cookie(
    request: Request, response: Response, name: str, value: str, *, path: str = "/", **extra: int
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=extra.get("max_age", YEAR_SECONDS),
        path=path,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def keep_name(request: Request, response: Response, name: str) -> None:
    """Keep the name a commenter typed for their next comments. Percent-encoded:
    a cookie holds Latin-1 at most, and names are not ("Łukasz", "Катя")."""
    set_cookie(request, response, NAME_COOKIE, quote(name[:100], safe=""))


def keep_session(request: Request, response: Response, person: Visitor) -> None:
    """Give the browser the session the page's forms were made for, if it had none."""
    if person.session and request.cookies.get(SESSION_COOKIE) != person.session:
        set_cookie(request, response, SESSION_COOKIE, person.session)


def give_ownership(request: Request, response: Response, path: str, token: str) -> None:
    """The owner's token as a cookie sent only to `path`: the comparison's or story's page."""
    set_cookie(request, response, OWNER_COOKIE, token, path=path)


def forget_ownership(request: Request, response: Response, path: str) -> None:
    response.delete_cookie(
        OWNER_COOKIE,
        path=path,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
