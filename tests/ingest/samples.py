"""Inputs the ingest tests read: a news page with all the usual clutter, Word documents."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

HEADLINE = "Peace talks stall as Kremlin hardens stance"
ARTICLE_BLOCKS = (
    HEADLINE,
    "Putin has toned down his demands, officials said on Monday, but the talks in Geneva "
    "ended without agreement after three days of meetings between the two delegations.",
    "The Russian president had insisted on a full withdrawal before any ceasefire, according "
    "to diplomats who attended the meetings and spoke on condition of anonymity.",
    "What happens next",
    "“We are not there yet,” said the envoy, adding that a new round was planned for April. "
    "The European Union welcomed the “constructive tone” of the discussions in Genève.",
    "Analysts said the gap between the two sides remained wide, with disagreements over "
    "security guarantees, sanctions relief and the fate of occupied territory.",
    "Economic pressure",
    "Trade figures released on Tuesday showed exports had fallen by 10 percent, putting "
    "further pressure on Moscow to reach a deal before the summer.",
    "The central bank raised interest rates for the third time this year, citing inflation "
    "that has stayed above its target since the spring.",
)
ARTICLE_TEXT = "\n\n".join(ARTICLE_BLOCKS)
# Text of the clutter around the article: none of it may reach the article's text.
BOILERPLATE = (
    "Subscribe now",
    "Phone 12",
    "Advertisement",
    "Share on Facebook",
    "Related stories",
    "Ceasefire collapses in the east",
    "morning briefing",
    "Great article",
    "Most read",
    "Celebrity wedding",
    "All rights reserved",
    "Privacy policy",
)


def article_page(charset: str = "utf-8", meta: str | None = "utf-8") -> bytes:
    """The news page, encoded in `charset`, with <meta charset="`meta`"> unless None."""
    p = [f"<p>{block}</p>" for block in ARTICLE_BLOCKS]
    meta_tag = f'<meta charset="{meta}">' if meta else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head>{meta_tag}
<title>{HEADLINE} | The Daily Courier</title>
<meta property="og:site_name" content="The Daily Courier">
<script>window.dataLayer = [];</script><style>body {{ font-family: serif }}</style>
</head><body>
<header><a class="logo" href="/">The Daily Courier</a>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>
<div class="ad-slot" id="ad-top"><span>Advertisement</span>
<a href="https://ads.invalid/x">Buy the new Phone 12 today! Limited offer, free delivery.</a></div>
<main><article class="story">
<h1 class="headline">{HEADLINE}</h1>
<div class="meta"><span class="byline">By <a rel="author" href="/authors/jane-doe">Jane Doe</a>
</span>, World affairs correspondent
<time datetime="2024-03-05T09:30:00Z" class="published">5 March 2024</time></div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<figure><img src="/img/geneva.jpg" alt="Delegates"><figcaption>Delegates in Geneva.</figcaption>
</figure>
<div class="story-body">
{p[1]}
{p[2]}
<div class="inline-ad">Advertisement</div>
<h2>{ARTICLE_BLOCKS[3]}</h2>
{p[4]}
{p[5]}
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Ceasefire collapses in the east</a></li>
<li><a href="/b">Sanctions: what you need to know</a></li></ul></aside>
<h2>{ARTICLE_BLOCKS[6]}</h2>
{p[7]}
{p[8]}
</div>
<div class="newsletter"><h3>Sign up for our morning briefing</h3>
<p>Get the top stories in your inbox.</p><form><input type="email"><button>Sign up</button>
</form></div>
</article>
<section class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Great article, thanks for the update!</p></div>
<div class="comment"><p>I disagree with the analysts completely.</p></div></section>
<section class="most-read"><h3>Most read</h3><ol>
<li><a href="/1">Celebrity wedding shocks fans</a></li></ol></section>
</main>
<footer><p>© 2024 The Daily Courier. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
</footer></body></html>
"""
    return page.encode(charset)


NO_ARTICLE_PAGE = b"""<!DOCTYPE html><html><head><title>Home</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
</body></html>"""

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_document(*, tracked: bool = False) -> bytes:
    """A .docx made with python-docx: title, headings, a line break, a table, properties."""
    document = docx.Document()
    document.core_properties.title = "Peace talks"
    document.core_properties.author = "Jane Doe"
    document.add_heading(ARTICLE_BLOCKS[0], level=0)
    document.add_paragraph(ARTICLE_BLOCKS[1])
    document.add_paragraph("")  # spacing, as editors leave it
    document.add_heading(ARTICLE_BLOCKS[3], level=1)
    broken = document.add_paragraph("First line")
    broken.add_run().add_break()
    broken.add_run("second line\tafter a tab")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Party", "Seats"), ("Blue", "120")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    if tracked:
        _add_tracked_changes(document)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _add_tracked_changes(document: docx.document.Document) -> None:
    """An insertion and a deletion left unaccepted, and a content control."""
    body = document.element.body
    paragraph = parse_xml(
        f"<w:p {W_NS}><w:r><w:t xml:space='preserve'>Prices rose </w:t></w:r>"
        "<w:del w:id='1' w:author='Ed'><w:r><w:delText>sharply </w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='Ed'><w:r><w:t xml:space='preserve'>slightly </w:t></w:r>"
        "</w:ins><w:r><w:t>in March.</w:t></w:r></w:p>"
    )
    control = parse_xml(
        f"<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r>"
        "</w:p></w:sdtContent></w:sdt>"
    )
    body.sectPr.addprevious(paragraph)
    body.sectPr.addprevious(control)


WORD_TEXT = "\n\n".join(
    (
        ARTICLE_BLOCKS[0],
        ARTICLE_BLOCKS[1],
        ARTICLE_BLOCKS[3],
        "First line\nsecond line\tafter a tab",
        "Party | Seats",
        "Blue | 120",
    )
)
