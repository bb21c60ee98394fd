"""Texts for the web tests: one pair with a row of every kind, hostile input."""

from __future__ import annotations

SENATE = "The Senate passed the budget bill late on Tuesday night."
MARKETS = "Markets rallied on the news of a ceasefire in the Black Sea."
OIL = "Oil prices fell by three percent in early trading in London."
BANK = "The central bank kept interest rates unchanged for a fourth month."
ANALYSTS = "Analysts expect the currency to strengthen before the summer."
FARMERS = "Farmers in the south reported the best harvest in a decade."
MET = "European leaders met in Paris on Thursday"
AGREED = "agreed to send more air defence systems to Ukraine before winter"
MAYOR = "The mayor of Lviv thanked the volunteers who cleared the rubble."
SPOKESMAN = "A spokesman declined to comment on the talks in Geneva."
INSURERS = "Shipping insurers cut their premiums for the Black Sea route."
BOATS = "Fishing boats returned to the harbour at Odesa after a week at sea"
CREWS = "crews unloaded record catches of anchovy and sprat."


def paragraphs(*texts: str) -> str:
    return "\n\n".join(texts)


KINDS_TITLE = "Every kind of row"
# Rows, in order: 5 equal (a fold), split, merged, deleted, inserted,
# modified, equal, moved (MAYOR, from paragraph 2 to paragraph 5).
KINDS_LEFT = paragraphs(
    f"{SENATE} {MARKETS} {OIL} {BANK} {ANALYSTS}",
    f"{MAYOR} {MET} and {AGREED}.",
    f"{BOATS}. Their {CREWS}",
    f"{SPOKESMAN} Officials were upbeat about a deal.",
    FARMERS,
)
KINDS_RIGHT = paragraphs(
    f"{SENATE} {MARKETS} {OIL} {BANK} {ANALYSTS}",
    f"{MET}. They {AGREED}.",
    f"{BOATS}, and their {CREWS}",
    f"{INSURERS} Officials were optimistic about a deal.",
    f"{FARMERS} {MAYOR}",
)

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'
HOSTILE = f"Officials said {SCRIPT} today. The envoy wrote {ATTRIBUTE_BREAKOUT} in a memo."
