"""What every response must carry, and what a page showing hostile text must not hold."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tests.web.html import Element, squash

# Elements the article text could only have made by being parsed as HTML.
FOREIGN_TAGS = frozenset({"img", "svg", "math", "iframe", "object", "embed", "base", "video"})
OUR_SCRIPTS = ["/static/diptych.js"]
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_security_headers(headers: Mapping[str, str]) -> None:
    """The headers every response gets."""
    policy = headers.get("content-security-policy")
    assert policy, "no Content-Security-Policy"
    directives = csp_directives(policy)
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts is not None, f"no script-src or default-src in {policy!r}"
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, policy
    framing = directives.get("frame-ancestors")
    assert framing == ["'none'"] or headers.get("x-frame-options", "").upper() == "DENY", policy
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy"), "no Referrer-Policy"


def assert_inert(page: Element, *, form: bool = False) -> None:
    """Only our own script, and nothing the text could have made: no foreign
    element, no event handler or style attribute, no javascript: URL."""
    scripts = page.find_all("script")
    assert [script.attrs.get("src") for script in scripts] == OUR_SCRIPTS
    assert all(script.text == "" for script in scripts)
    forms = page.find_all("form")
    assert len([f for f in forms if "new-form" in f.classes]) == (1 if form else 0)
    for found in forms:  # only our own forms: posts to this site, each with its token
        action = found.get("action") or ""
        assert found.get("method") == "post", f"a form that does not post: {action!r}"
        assert action.startswith("/") and not action.startswith("//"), f"action {action!r}"
        tokens = [field for field in found.find_all("input") if field.get("name") == "csrf_token"]
        assert len(tokens) == 1, f"a form without its CSRF token: {action!r}"
    for element in page.iter():
        assert element.tag not in FOREIGN_TAGS, f"<{element.tag}> in the page"
        handlers = [name for name in element.attrs if name.startswith("on")]
        assert not handlers, f"<{element.tag} {handlers}>"
        assert "style" not in element.attrs, element.tag
        for name in URL_ATTRIBUTES:
            value = (element.attrs.get(name) or "").strip().lower()
            assert not value.startswith("javascript:"), f"<{element.tag} {name}={value!r}>"


def assert_segments_shown(page: Element, document: Mapping[str, Any], most: int = 40) -> None:
    """Each of the right side's segments (the first and last `most`) reads on the
    page exactly as in the text, whitespace runs aside: escaped, not parsed."""
    table = squash(page.find("table").text)
    text: str = document["right"]["text"]
    segments = document["right"]["segments"]
    chosen = segments if len(segments) <= 2 * most else [*segments[:most], *segments[-most:]]
    for segment in chosen:
        shown = squash(text[segment["start"] : segment["end"]])
        assert shown in table, f"segment {shown[:80]!r} is not on the page as text"
