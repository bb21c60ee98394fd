"""Hostile texts, and what each way in (the API, a pasted form, an uploaded file)
must do with them: store them exactly (or, where the channel cannot carry the
text, as it arrives) and show them as text, or refuse them with a clear 4xx."""

from __future__ import annotations

from dataclasses import dataclass

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'
QUOTE_BREAKOUT = "' onmouseover='alert(1)"
JAVASCRIPT_LINK = '<a href="javascript:alert(1)">here</a> or javascript:alert(1)'
SVG_ONLOAD = "<svg onload=alert(1)>"

LEFT = "The envoy wrote a memo.\n\nTalks resume on Monday."
ONE_MEGABYTE_LINE = "abcdefghij" * 100_000  # 1,000,000 characters, no space
PARAGRAPHS = 50_000


def article(payload: str) -> str:
    """The right text: the left one with `payload` as a new paragraph in the middle."""
    return f"The envoy wrote a memo.\n\n{payload}\n\nTalks resume on Monday."


@dataclass(frozen=True, slots=True)
class Stored:
    """Stored and shown exactly as sent."""


@dataclass(frozen=True, slots=True)
class Refused:
    status: int
    says: str  # a fragment of the message, case-insensitive


Outcome = Stored | Refused
STORED = Stored()


@dataclass(frozen=True, slots=True)
class Hostile:
    name: str
    payload: str
    api: Outcome = STORED
    paste: Outcome = STORED
    upload: Outcome = STORED
    markup: bool = False  # also sent as the title and the labels

    @property
    def right(self) -> str:
        return article(self.payload)

    def outcome(self, channel: str) -> Outcome:
        outcome: Outcome = getattr(self, channel)
        return outcome


HOSTILE: tuple[Hostile, ...] = (
    Hostile("script", f"Officials said {SCRIPT} today.", markup=True),
    Hostile("attribute", f"The envoy wrote {ATTRIBUTE_BREAKOUT} in a memo.", markup=True),
    Hostile("quote", f"He typed {QUOTE_BREAKOUT} into the box.", markup=True),
    Hostile("javascript-link", f"Click {JAVASCRIPT_LINK} now.", markup=True),
    Hostile("svg", f"A drawing {SVG_ONLOAD} appeared.", markup=True),
    Hostile("entities", "Escaped &lt;script&gt; stays, and so does &amp;amp; here.", markup=True),
    Hostile("right-to-left-override", "The file is invoice\u202efdp.exe today.", markup=True),
    Hostile(
        "zero-width",
        "Zero\u200bwidth space, zero\u200dwidth joiner and a\ufeffmark mid-text.",
        markup=True,
    ),
    Hostile(
        "nul",
        "A NUL \x00 byte sits here.",
        api=Refused(400, "NUL character"),
        paste=Refused(400, "NUL character"),
        upload=Refused(400, "binary file"),
    ),
    Hostile(
        "lone-surrogate",
        "A lone \ud800 surrogate sits here.",
        api=Refused(400, "lone surrogate"),
        # A form field carries bytes, here the surrogate's (invalid) UTF-8 bytes,
        # which no browser sends: refused, never read as something else.
        paste=Refused(400, "was not sent as UTF-8"),
        upload=Refused(400, "lone surrogate"),
    ),
    Hostile("one-megabyte-line", ONE_MEGABYTE_LINE),
)


def paragraphs_text(count: int = PARAGRAPHS) -> str:
    """`count` one-word paragraphs, each word different."""
    return "\n\n".join(f"word{number}" for number in range(count))
