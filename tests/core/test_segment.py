"""Segmentation of news writing into paragraphs, sentences and headings."""

from __future__ import annotations

import pytest

from app.core.model import SegmentKind
from app.core.segmentation.segment import segment_text
from tests.core.helpers import coverage_problems

S = SegmentKind.SENTENCE
H = SegmentKind.HEADING

# One paragraph each: the expected sentences, in order. Every case was checked
# by hand against what an editor reads as a sentence.
SENTENCES = [
    pytest.param(
        "The U.S. and Ukraine agreed. Talks resume Monday.",
        ["The U.S. and Ukraine agreed.", "Talks resume Monday."],
        id="U.S.-mid-sentence",
    ),
    pytest.param(
        "He moved to the U.S. Then he left.",
        ["He moved to the U.S.", "Then he left."],
        id="U.S.-ends-sentence",
    ),
    pytest.param(
        "U.S. officials are expected in Saudi Arabia next week. They will meet.",
        ["U.S. officials are expected in Saudi Arabia next week.", "They will meet."],
        id="U.S.-starts-sentence",
    ),
    pytest.param(
        "Donald Trump Jr. spoke on Friday. He was brief.",
        ["Donald Trump Jr. spoke on Friday.", "He was brief."],
        id="Jr.",
    ),
    pytest.param(
        "Sen. Lindsey Graham objected. Gov. Newsom and Rep. Pelosi agreed.",
        ["Sen. Lindsey Graham objected.", "Gov. Newsom and Rep. Pelosi agreed."],
        id="Sen.-Gov.-Rep.",
    ),
    pytest.param(
        "Apple Inc. reported earnings. The firm, Acme Corp., was fined.",
        ["Apple Inc. reported earnings.", "The firm, Acme Corp., was fined."],
        id="Inc.-Corp.",
    ),
    pytest.param(
        "The U.N. Security Council met. It adjourned.",
        ["The U.N. Security Council met.", "It adjourned."],
        id="U.N.",
    ),
    pytest.param(
        "J. R. R. Tolkien wrote the book. It sold well.",
        ["J. R. R. Tolkien wrote the book.", "It sold well."],
        id="initials",
    ),
    pytest.param(
        "George W. Bush spoke. E. Jean Carroll testified.",
        ["George W. Bush spoke.", "E. Jean Carroll testified."],
        id="middle-and-first-initials",
    ),
    pytest.param(
        "Sen. Chuck Schumer (D-N.Y.) objected. He lost.",
        ["Sen. Chuck Schumer (D-N.Y.) objected.", "He lost."],
        id="party-and-state",
    ),
    pytest.param(
        "He said, “We will win.” Then he left.",
        ["He said, “We will win.”", "Then he left."],
        id="period-inside-curly-quote",
    ),
    pytest.param(
        'He said, "We will win." Then he left.',
        ['He said, "We will win."', "Then he left."],
        id="period-inside-straight-quote",
    ),
    pytest.param(
        "“Is it over?” she asked. Nobody answered.",
        ["“Is it over?” she asked.", "Nobody answered."],
        id="question-inside-quote-mid-sentence",
    ),
    pytest.param(
        "“His objectives have changed,” Gottemoeller said. She smiled.",
        ["“His objectives have changed,” Gottemoeller said.", "She smiled."],
        id="attributed-quote",
    ),
    pytest.param(
        "The talks stalled... Then came a breakthrough.",
        ["The talks stalled...", "Then came a breakthrough."],
        id="ellipsis-ends-sentence",
    ),
    pytest.param(
        "The talks stalled... but resumed later. Both sides agreed.",
        ["The talks stalled... but resumed later.", "Both sides agreed."],
        id="ellipsis-mid-sentence",
    ),
    pytest.param(
        "Talks ended … and resumed. Both sides agreed.",
        ["Talks ended … and resumed.", "Both sides agreed."],
        id="unicode-ellipsis-mid-sentence",
    ),
    pytest.param(
        "The talks stalled… Then came a breakthrough.",
        ["The talks stalled…", "Then came a breakthrough."],
        id="unicode-ellipsis-ends-sentence",
    ),
    pytest.param(
        "The deal — if it holds — is fragile. Both sides know it.",
        ["The deal — if it holds — is fragile.", "Both sides know it."],
        id="spaced-em-dashes",
    ),
    pytest.param(
        "The deal—if it holds—is fragile. WASHINGTON (AP) — The Senate voted.",
        ["The deal—if it holds—is fragile.", "WASHINGTON (AP) — The Senate voted."],
        id="closed-em-dashes-and-dateline",
    ),
    pytest.param(
        "Is it over? Nobody knows! Not yet.",
        ["Is it over?", "Nobody knows!", "Not yet."],
        id="question-and-exclamation",
    ),
    pytest.param(
        "It cost $5.4 billion. Prices rose 2.5 percent.",
        ["It cost $5.4 billion.", "Prices rose 2.5 percent."],
        id="decimal-numbers",
    ),
    pytest.param(
        "Dr. Smith arrived at 3 p.m. on Monday. She left.",
        ["Dr. Smith arrived at 3 p.m. on Monday.", "She left."],
        id="Dr.-and-p.m.",
    ),
    pytest.param(
        "The company, based in Cupertino, Calif., said sales rose. Shares fell.",
        ["The company, based in Cupertino, Calif., said sales rose.", "Shares fell."],
        id="state-abbreviation",
    ),
    pytest.param(
        "He said no. Newsom agreed.",
        ["He said no.", "Newsom agreed."],
        id="no.-ends-sentence",
    ),
    pytest.param(
        "Putin said “no.” Zelensky said yes.",
        ["Putin said “no.”", "Zelensky said yes."],
        id="quoted-no.-ends-sentence",
    ),
    pytest.param(
        "They will not tire, get distracted, etc. Computers also calculate speed.",
        ["They will not tire, get distracted, etc.", "Computers also calculate speed."],
        id="etc.-ends-sentence",
    ),
    pytest.param(
        "Apples, pears, etc. are sold here. Prices rose.",
        ["Apples, pears, etc. are sold here.", "Prices rose."],
        id="etc.-mid-sentence",
    ),
    pytest.param(
        "No. 10 Downing Street said so. It says no. 5 is next.",
        ["No. 10 Downing Street said so.", "It says no. 5 is next."],
        id="No.-before-a-number",
    ),
    pytest.param(
        "The vote is at 10 a.m. Friday in Kyiv. Talks end at 6 p.m. EST. Nobody came.",
        ["The vote is at 10 a.m. Friday in Kyiv.", "Talks end at 6 p.m. EST.", "Nobody came."],
        id="a.m.-before-a-day-or-zone",
    ),
    pytest.param(
        "The meeting ended at 10 a.m. Officials then left.",
        ["The meeting ended at 10 a.m.", "Officials then left."],
        id="a.m.-ends-sentence",
    ),
]

# Sentences inside a quotation are cut as outside one (sentencex keeps a
# quotation whole); the closing mark and the attribution after it stay with
# the quotation's last sentence.
QUOTATIONS = [
    pytest.param(
        "U.S. officials are expected next week. “This is hard. But it will come.",
        ["U.S. officials are expected next week.", "“This is hard.", "But it will come."],
        id="never-closed-curly-opens-its-sentence",
    ),
    pytest.param(
        'It ended. "Go now. Please.',
        ["It ended.", '"Go now.', "Please."],
        id="never-closed-straight-opens-its-sentence",
    ),
    pytest.param(
        'He said "no." Then he left.',
        ['He said "no."', "Then he left."],
        id="closing-straight-stays",
    ),
    pytest.param(
        "“This is hard. But there is no doubt,” Herbst said. He left.",
        ["“This is hard.", "But there is no doubt,” Herbst said.", "He left."],
        id="curly-attribution-after",
    ),
    pytest.param(
        '"This is hard. But there is no doubt," Herbst said. He left.',
        ['"This is hard.', 'But there is no doubt," Herbst said.', "He left."],
        id="straight-attribution-after",
    ),
    pytest.param(
        "Herbst said: “This is hard. It will take time.” He left.",
        ["Herbst said: “This is hard.", "It will take time.”", "He left."],
        id="quotation-inside-a-sentence",
    ),
    pytest.param(
        "“This is hard,” Herbst said. “It will take time. But it will come.”",
        ["“This is hard,” Herbst said.", "“It will take time.", "But it will come.”"],
        id="attribution-between-quotations",
    ),
    pytest.param(
        "“This is hard,” he said, “but it will take time. It will come.” They left.",
        ["“This is hard,” he said, “but it will take time.", "It will come.”", "They left."],
        id="attribution-in-the-middle",
    ),
    pytest.param(
        "“He told me, ‘Stop. Go home.’ Then he left.” She nodded.",
        ["“He told me, ‘Stop.", "Go home.’", "Then he left.”", "She nodded."],
        id="nested",
    ),
    pytest.param(
        "“They said ‘we won’t stay. We’re leaving.’ It was over.”",
        ["“They said ‘we won’t stay.", "We’re leaving.’", "It was over.”"],
        id="nested-with-apostrophes",
    ),
    pytest.param(
        "„Das ist schwer. Aber es kommt“, sagte er. Dann ging er.",
        ["„Das ist schwer.", "Aber es kommt“, sagte er.", "Dann ging er."],
        id="low-opening-mark",
    ),
    pytest.param(
        "“Is it over? Nobody knows!” she asked. Nobody answered.",
        ["“Is it over?", "Nobody knows!” she asked.", "Nobody answered."],
        id="question-and-exclamation",
    ),
    pytest.param(
        "Trump said: “No. We won’t.” Zelensky agreed.",
        ["Trump said: “No.", "We won’t.”", "Zelensky agreed."],
        id="no.-inside-a-quotation",
    ),
    pytest.param(
        "He said: “We met at 10 a.m. Friday. It went well.” Fine.",
        ["He said: “We met at 10 a.m. Friday.", "It went well.”", "Fine."],
        id="a.m.-inside-a-quotation",
    ),
    pytest.param(
        "“The U.S. and Sen. Graham will stay,” he said. Fine.",
        ["“The U.S. and Sen. Graham will stay,” he said.", "Fine."],
        id="abbreviations-inside-a-quotation",
    ),
    pytest.param(
        'The 12" pipe burst. He said "It is fine. We fixed it."',
        ['The 12" pipe burst.', 'He said "It is fine.', 'We fixed it."'],
        id="inch-mark-is-no-quotation",
    ),
]

WRAPPED = (
    "The talks in Riyadh were expected to last two days, officials said, and\n"
    "would cover the Black Sea, energy infrastructure and the exchange of\n"
    "prisoners. Neither side confirmed the agenda in public.\n"
    "\n"
    "A second paragraph, also hard-wrapped at about seventy characters, says\n"
    "that the delegations will meet again next week in Geneva.\n"
)

# Several paragraphs: (paragraph number, kind, text) of every segment.
LAYOUTS = [
    pytest.param("What Trump wants", [(0, H, "What Trump wants")], id="heading-alone"),
    pytest.param(
        "LATEST NEWS:\nThe talks resumed. Officials met.",
        [(0, H, "LATEST NEWS:"), (1, S, "The talks resumed."), (1, S, "Officials met.")],
        id="banner-own-segment",
    ),
    pytest.param(
        "Talks resumed on Monday.\nWhat Putin wants\nPutin wants Crimea. He said so.",
        [
            (0, S, "Talks resumed on Monday."),
            (1, H, "What Putin wants"),
            (2, S, "Putin wants Crimea."),
            (2, S, "He said so."),
        ],
        id="heading-between-lines",
    ),
    pytest.param(
        "First paragraph here. Second sentence.\nSecond paragraph.\nThird paragraph.",
        [
            (0, S, "First paragraph here."),
            (0, S, "Second sentence."),
            (1, S, "Second paragraph."),
            (2, S, "Third paragraph."),
        ],
        id="one-paragraph-per-line",
    ),
    pytest.param(
        "First paragraph here. Second sentence.\n\nSecond paragraph.\n \t\n\nThird paragraph.",
        [
            (0, S, "First paragraph here."),
            (0, S, "Second sentence."),
            (1, S, "Second paragraph."),
            (2, S, "Third paragraph."),
        ],
        id="blank-lines-between",
    ),
    pytest.param(
        "Five things to know about the Russia-Ukraine peace talks\n"
        "President Trump has focused on a limited ceasefire in the Ukraine war.\n"
        "Russian President Vladimir Putin this week rejected a full ceasefire.\n"
        "U.S. officials are expected in Saudi Arabia next week.",
        [
            (0, H, "Five things to know about the Russia-Ukraine peace talks"),
            (1, S, "President Trump has focused on a limited ceasefire in the Ukraine war."),
            (2, S, "Russian President Vladimir Putin this week rejected a full ceasefire."),
            (3, S, "U.S. officials are expected in Saudi Arabia next week."),
        ],
        id="long-lines-one-per-line",
    ),
    pytest.param(
        WRAPPED,
        [
            (
                0,
                S,
                "The talks in Riyadh were expected to last two days, officials said, and\n"
                "would cover the Black Sea, energy infrastructure and the exchange of\n"
                "prisoners.",
            ),
            (0, S, "Neither side confirmed the agenda in public."),
            (
                1,
                S,
                "A second paragraph, also hard-wrapped at about seventy characters, says\n"
                "that the delegations will meet again next week in Geneva.",
            ),
        ],
        id="hard-wrapped",
    ),
    pytest.param(
        "Herbst said: “This is hard. It will take time.”\nThe talks went on.",
        [
            (0, S, "Herbst said: “This is hard."),
            (0, S, "It will take time.”"),
            (1, S, "The talks went on."),
        ],
        id="quotation-ends-a-paragraph",
    ),
    pytest.param(
        # A quotation of several paragraphs opens each and closes only the last.
        "“This is hard. It will take time.\n\n“And it will come. Soon,” he said.",
        [
            (0, S, "“This is hard."),
            (0, S, "It will take time."),
            (1, S, "“And it will come."),
            (1, S, "Soon,” he said."),
        ],
        id="quotation-over-two-paragraphs",
    ),
    pytest.param(
        "  Leading spaces. Trailing spaces.   \n\n\n   Next para.  ",
        [(0, S, "Leading spaces."), (0, S, "Trailing spaces."), (1, S, "Next para.")],
        id="surrounding-whitespace",
    ),
]


ALL = SENTENCES + QUOTATIONS + LAYOUTS


def _layout(text: str) -> list[tuple[int, SegmentKind, str]]:
    return [(s.paragraph, s.kind, text[s.start : s.end]) for s in segment_text(text)]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _layout(text) == [(0, S, sentence) for sentence in expected]


@pytest.mark.parametrize(("text", "expected"), QUOTATIONS)
def test_sentences_inside_quotations(text: str, expected: list[str]) -> None:
    assert _layout(text) == [(0, S, sentence) for sentence in expected]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_paragraphs_and_headings(text: str, expected: list[tuple[int, SegmentKind, str]]) -> None:
    assert _layout(text) == expected


@pytest.mark.parametrize(
    "text", [str(case.values[0]) for case in ALL], ids=[str(case.id) for case in ALL]
)
def test_every_visible_character_in_exactly_one_trimmed_segment(text: str) -> None:
    assert coverage_problems(text, segment_text(text)) == []


@pytest.mark.parametrize(
    "text", ["O\u00a0.", "“O\u3000. Yes,” he said.", "A\u2009\u00a0. B."], ids=repr
)
def test_letter_wide_space_full_stop_is_segmented(text: str) -> None:
    # sentencex itself panics on these.
    assert coverage_problems(text, segment_text(text)) == []


@pytest.mark.parametrize("text", ["", " ", "\n\n\t\n", "\u00a0\u3000"], ids=repr)
def test_blank_text_has_no_segments(text: str) -> None:
    assert segment_text(text) == ()


def test_heading_is_a_line_of_its_own_without_final_punctuation() -> None:
    text = "Where Europe stands\nEurope is wary.\nWhat does Zelensky want?\nTrump’s NATO wild card"
    assert [(kind, line) for _, kind, line in _layout(text)] == [
        (H, "Where Europe stands"),
        (S, "Europe is wary."),
        (S, "What does Zelensky want?"),
        (H, "Trump’s NATO wild card"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Five things to know about the Russia-Ukraine peace talks\n"
        "President Trump has focused on a limited ceasefire in the Ukraine war.",
        "President Trump has focused on a limited ceasefire in the Ukraine war.\n"
        "Five things to know about the Russia-Ukraine peace talks\n"
        "U.S. officials are expected in Saudi Arabia next week.",
    ],
    ids=["title-then-one-line", "title-between-two-lines"],
)
def test_long_heading_line_stays_its_own_segment(text: str) -> None:
    title = "Five things to know about the Russia-Ukraine peace talks"
    assert (H, title) in [(s.kind, text[s.start : s.end]) for s in segment_text(text)]
