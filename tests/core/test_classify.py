"""The class of each change (app.core.classification.classify), case by case, in news writing.

Each case is a sentence and its edited copy with one change between them (one
run of non-equal pieces); positive cases must carry the class, negative ones
must not.
"""

from __future__ import annotations

import pytest

from app.core import Change, ChangeClass, Comparison, compare
from tests.core.helpers import changes_with_texts

TYPOGRAPHY, SPELLING, NUMBER, QUOTE = (
    ChangeClass.TYPOGRAPHY,
    ChangeClass.SPELLING,
    ChangeClass.NUMBER,
    ChangeClass.QUOTE,
)
NAME, ATTRIBUTION, NEGATION, WORDING = (
    ChangeClass.NAME,
    ChangeClass.ATTRIBUTION,
    ChangeClass.NEGATION,
    ChangeClass.WORDING,
)


def the_change(left: str, right: str) -> Change:
    """The one change between two versions of a sentence."""
    changes = compare(left, right).rows[-1].changes
    assert len(changes) == 1, [change.classes for change in changes]
    return changes[0]


TYPOGRAPHY_CASES = [
    ("He said it’s over.", "He said it's over."),
    ("“We will win,” he said.", '"We will win," he said.'),
    ("The talks — held in Riyadh — ended.", "The talks – held in Riyadh – ended."),
    ("He paused… then he left the room.", "He paused... then he left the room."),
    ("The truce—if it holds—starts today.", "The truce — if it holds — starts today."),
    ("They called it a ‘special operation’ then.", "They called it a 'special operation' then."),
    ("Markets fell on the news, traders said.", "Markets fell on the news , traders said."),
]
NOT_TYPOGRAPHY_CASES = [
    ("It’s over now.", "Its over now."),
    ("He said no.", "He said “no.”"),
    ("The talks ended.", "The talks ended — for now."),
    ("A ceasefire was agreed.", "A cease-fire was agreed."),
    ("U.S. officials arrived.", "US officials arrived."),
]


@pytest.mark.parametrize(("left", "right"), TYPOGRAPHY_CASES)
def test_typography_is_typography_only(left: str, right: str) -> None:
    changes = compare(left, right).rows[-1].changes
    assert changes
    assert all(change.classes == (TYPOGRAPHY,) for change in changes)


@pytest.mark.parametrize(("left", "right"), NOT_TYPOGRAPHY_CASES)
def test_not_typography(left: str, right: str) -> None:
    assert TYPOGRAPHY not in _all_classes(compare(left, right))


SPELLING_CASES = [
    ("U.S. officials are expected in Riyadh.", "US officials are expected in Riyadh."),
    ("Talks between Moscow and Kyiv resumed.", "Talks between Moscow and Kiev resumed."),
    ("Production fell by 10 percent.", "Production fell by 10%."),
    ("What was more-or-less agreed stands.", "What was more or less agreed stands."),
    (
        "They failed to rally $5.4-billion-worth of shells.",
        "They failed to rally $5.4 billion worth of shells.",
    ),
    ("The colour of the flag was changed.", "The color of the flag was changed."),
    ("They will organise a summit.", "They will organize a summit."),
    ("Foreign Policy Chief Kaja Kallas spoke.", "Foreign policy chief Kaja Kallas spoke."),
    ("But it’s unclear how long that lasts.", "But it is unclear how long that lasts."),
    ("Muammar Gaddafi ruled Libya.", "Muammar Qaddafi ruled Libya."),
    ("Two officials resigned on Monday.", "2 officials resigned on Monday."),
    ("The United States would not act.", "The US would not act."),
    ("It moved towards a deal.", "It moved toward a deal."),
]
NOT_SPELLING_CASES = [
    ("Production fell by 10 percent.", "Production fell by 12 percent."),
    ("Benjamin Schmitt said so.", "Benjamin Schmidt said so."),
    ("He knows its limits.", "He knows it's limits."),
    ("We'll see what happens.", "Well, see what happens."),
    ("Four soldiers were hurt.", "For soldiers were hurt."),
    ("He filed the report.", "He filled the report."),
]


@pytest.mark.parametrize(("left", "right"), SPELLING_CASES)
def test_spelling_is_spelling_only(left: str, right: str) -> None:
    assert the_change(left, right).classes == (SPELLING,)


@pytest.mark.parametrize(("left", "right"), NOT_SPELLING_CASES)
def test_not_spelling(left: str, right: str) -> None:
    assert SPELLING not in the_change(left, right).classes


NUMBER_CASES = [
    ("She served from 2016 to 2019.", "She served from 2016 to 2018."),
    ("It pledged a $43 billion package.", "It pledged a $43 million package."),
    ("Output fell by 10 percent.", "Output fell by 12 percent."),
    ("Leaders will meet on March 27 in Paris.", "Leaders will meet on March 28 in Paris."),
    ("The envoys met on Monday in Riyadh.", "The envoys met on Tuesday in Riyadh."),
    (
        "Troops from more than 30 countries took part.",
        "Troops from more than 40 countries took part.",
    ),
    ("Two officials resigned.", "Three officials resigned."),
    ("The fine was $10 million.", "The fine was €10 million."),
    ("It was his first visit.", "It was his second visit."),
]
NOT_NUMBER_CASES = [
    ("Output fell by 10 percent.", "Output fell by 10%."),
    ("They sought $5.4-billion-worth of shells.", "They sought $5.4 billion worth of shells."),
    ("Some 2,000,000 people fled.", "Some 2 million people fled."),
    ("Two officials resigned.", "2 officials resigned."),
    ("They met on Monday to hash out details.", "They met to clarify the details."),
    (
        "It has occupied land since its 2014 invasion.",
        "It has occupied land since the invasion in 2014.",
    ),
]


@pytest.mark.parametrize(("left", "right"), NUMBER_CASES)
def test_number(left: str, right: str) -> None:
    assert NUMBER in the_change(left, right).classes


@pytest.mark.parametrize(("left", "right"), NOT_NUMBER_CASES)
def test_not_number(left: str, right: str) -> None:
    assert NUMBER not in the_change(left, right).classes


QUOTE_CASES = [
    (
        "“His aims have changed, and they were forced to,” she said.",
        '"His aims have changed," she said.',
    ),
    ("“This is hard,” Herbst said.", "“This is difficult,” Herbst said."),
    ("“We will not surrender,” he said.", "He said they would not surrender."),
    ("He called the talks “productive” on Friday.", "He called the talks productive on Friday."),
    ("The plan was “dead on arrival,” he said.", "The plan was “dead,” he said."),
    ("Putin has toned down his demands, she said.", "“Putin has softened his demands,” she said."),
    ("Talks are over “dividing up the lands” now.", 'Talks are for "land sharing" now.'),
]
NOT_QUOTE_CASES = [
    ("“This is hard,” Herbst said.", '"This is hard," Herbst said.'),
    ("“We will win,” he said on Monday.", "“We will win,” he said on Tuesday."),
    ("“U.S. troops will stay,” he said.", "“US troops will stay,” he said."),
    ("The “special military operation” continued.", "The “special military operation” went on."),
    ("“We are ready,” said Herbst.", "“We are ready,” Herbst said."),
]


@pytest.mark.parametrize(("left", "right"), QUOTE_CASES)
def test_quote(left: str, right: str) -> None:
    assert QUOTE in _all_classes(compare(left, right))


@pytest.mark.parametrize(("left", "right"), NOT_QUOTE_CASES)
def test_not_quote(left: str, right: str) -> None:
    assert QUOTE not in _all_classes(compare(left, right))


NAME_CASES = [
    ("Benjamin Schmitt, a fellow, said so.", "Benjamin Schmidt, a fellow, said so."),
    ("Secretary of State Marco Rubio flew in.", "Secretary of State Mike Pompeo flew in."),
    ("Leaders met in Paris on Thursday.", "Leaders met in London on Thursday."),
    ("A statement from the Pentagon followed.", "A statement from the Kremlin followed."),
    ("Rose Gottemoeller spoke at the event.", "Rose Gottemoller spoke at the event."),
    (
        "Benjamin Schmitt spoke first. Sanctions work, he said.",
        "Benjamin Schmitt spoke first. Sanctions work, Schmidt said.",
    ),
]
NOT_NAME_CASES = [
    ("Talks in Kyiv resumed.", "Talks in Kiev resumed."),
    ("Ukrainian strikes hit refineries.", "Ukraine's strikes hit refineries."),
    ("Still, the leaders met again.", "However, the leaders met again."),
    ("Elon Musk has advocated a withdrawal.", "Musk has advocated a withdrawal."),
    ("Foreign Policy Chief Kaja Kallas spoke.", "Foreign policy chief Kaja Kallas spoke."),
    ("Europe, wary of Trump, is arming.", "Europe, wary of Trump, is rearming."),
]


@pytest.mark.parametrize(("left", "right"), NAME_CASES)
def test_name(left: str, right: str) -> None:
    assert NAME in _all_classes(compare(left, right))


@pytest.mark.parametrize(("left", "right"), NOT_NAME_CASES)
def test_not_name(left: str, right: str) -> None:
    assert NAME not in _all_classes(compare(left, right))


ATTRIBUTION_CASES = [
    (
        "The economy is a key factor.",
        "The economy is a key factor, writes yahoonews, the Telegraph reports.",
    ),
    ("“We are ready,” Herbst said.", "“We are ready,” Gottemoeller said."),
    ("Officials said the talks failed.", "Diplomats said the talks failed."),
    ("The talks failed in the end.", "The talks failed in the end, according to Reuters."),
    ("“We are ready,” he said.", "“We are ready,” she said."),
    ("The economy is weak, he said.", "The economy is weak."),
]
NOT_ATTRIBUTION_CASES = [
    ("“We are ready,” said Gottemoeller.", "“We are ready,” Gottemoeller said."),
    (
        "Trump is reportedly interested in the plant.",
        "Trump is said to be interested in the plant.",
    ),
    (
        "Putin declared annexation of four regions.",
        "Putin announced the annexation of four regions.",
    ),
    ("“We are ready,” he said.", "“We are prepared,” he said."),
    ("The president claimed credit for the deal.", "The president took credit for the deal."),
]


@pytest.mark.parametrize(("left", "right"), ATTRIBUTION_CASES)
def test_attribution(left: str, right: str) -> None:
    assert ATTRIBUTION in _all_classes(compare(left, right))


@pytest.mark.parametrize(("left", "right"), NOT_ATTRIBUTION_CASES)
def test_not_attribution(left: str, right: str) -> None:
    assert ATTRIBUTION not in _all_classes(compare(left, right))


NEGATION_CASES = [
    ("Talks will resume next week.", "Talks will not resume next week."),
    ("Kyiv agreed to sign the terms.", "Kyiv declined to sign the terms."),
    ("Congress managed to pass the bill.", "Congress failed to pass the bill."),
    ("Moscow accepted the plan.", "Moscow rejected the plan."),
    ("Trump has kept his promise.", "Trump has fallen short of his promise."),
    ("Russia can win this war.", "Russia can’t win this war."),
    ("Putin is interested in a deal.", "Putin is reportedly interested in a deal."),
    ("The plant was damaged in the strike.", "The plant was allegedly damaged in the strike."),
    ("He is likely to attend the summit.", "He is unlikely to attend the summit."),
    ("Kyiv no longer trusts Moscow.", "Kyiv trusts Moscow."),
    ("The army will withdraw from the city.", "The army may withdraw from the city."),
    ("The plan is working.", "The plan does seem to be working."),
]
NOT_NEGATION_CASES = [
    ("The plan seems to work.", "The plan appears to work."),
    ("He appears relaxed.", "He appeared relaxed."),
    ("It may seem that talks stalled.", "It may appear as though talks stalled."),
    ("Trump has fallen short of his promise.", "Trump has not fulfilled his promise."),
    ("He refused to comment.", "He did not comment."),
    ("Demand for gasoline will fall.", "Demand for gasoline will decline."),
    ("The brakes broke down.", "The brakes failed."),
    ("The effort failed to materialize.", "The effort failed."),
    ("Prices fell sharply.", "Prices dropped sharply."),
    ("Trump is reportedly interested.", "Trump is said to be interested."),
    ("Whether there might be a role is unclear.", "Whether there could be a role is unclear."),
    ("He is not going to be satisfied.", "He is not going to be happy."),
    ("He was unhappy with the deal.", "He was displeased with the deal."),
    ("The May talks were cancelled.", "The June talks were cancelled."),
]


@pytest.mark.parametrize(("left", "right"), NEGATION_CASES)
def test_negation(left: str, right: str) -> None:
    assert NEGATION in the_change(left, right).classes


@pytest.mark.parametrize(("left", "right"), NOT_NEGATION_CASES)
def test_not_negation(left: str, right: str) -> None:
    assert NEGATION not in the_change(left, right).classes


WORDING_CASES = [
    ("Putin has toned down his demands.", "Putin has softened his demands."),
    ("He signaled openness to a narrower truce.", "He signaled openness to a narrower ceasefire."),
    ("He seeks to get the ball rolling on talks.", "He seeks to lead talks."),
    ("Still, the leaders met again.", "However, the leaders met again."),
    (
        "Europe is drawing up plans to bolster its defense.",
        "Europe is drawing up plans to boost its defense.",
    ),
    ("The attack was thwarted.", "The attack was foiled."),
]
NOT_WORDING_CASES = [
    *TYPOGRAPHY_CASES[:1],
    *SPELLING_CASES[:1],
    *NUMBER_CASES[:1],
    *NEGATION_CASES[:1],
]


@pytest.mark.parametrize(("left", "right"), WORDING_CASES)
def test_wording(left: str, right: str) -> None:
    assert the_change(left, right).classes == (WORDING,)


@pytest.mark.parametrize(("left", "right"), NOT_WORDING_CASES)
def test_not_wording(left: str, right: str) -> None:
    assert WORDING not in the_change(left, right).classes


def test_a_reworded_quotation_with_a_misspelt_name_is_both() -> None:
    left = "Benjamin Schmitt spoke. “Schmitt is right, this is hard,” Herbst said."
    right = "Benjamin Schmitt spoke. “Schmidt is right, this is hard,” Herbst said."
    (change,) = compare(left, right).rows[-1].changes
    assert change.classes == (QUOTE, NAME)
    assert change.primary is QUOTE


def test_whole_rows_quote_attribute_or_are_wording() -> None:
    left = "Talks resumed."
    right = (
        "Talks resumed.\n“We are ready,” Herbst said.\nThe Kremlin said nothing.\n"
        "Markets fell sharply."
    )
    inserted = [
        (text, change.classes) for _, text, change in changes_with_texts(compare(left, right))
    ]
    assert inserted == [
        ("“We are ready,” Herbst said.", (QUOTE, ATTRIBUTION)),
        ("The Kremlin said nothing.", (ATTRIBUTION,)),
        ("Markets fell sharply.", (WORDING,)),
    ]


# A quotation of several sentences is several segments, and so several rows:
# a change to a sentence inside it, even one that holds no quotation mark, is
# still a change to the quotation.
QUOTATION_SENTENCE = "“We met on Monday. Talks were hard. We will go on,” he said."


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (QUOTATION_SENTENCE, QUOTATION_SENTENCE.replace("hard", "difficult")),
        (
            QUOTATION_SENTENCE.replace("“", '"').replace("”", '"'),
            QUOTATION_SENTENCE.replace("“", '"').replace("”", '"').replace("hard", "difficult"),
        ),
        (QUOTATION_SENTENCE, QUOTATION_SENTENCE.replace("go on", "stop")),
    ],
    ids=["middle-curly", "middle-straight", "last"],
)
def test_change_inside_a_quotation_of_several_segments_is_a_quote(left: str, right: str) -> None:
    comparison = compare(left, right)
    assert len(comparison.rows) == 3
    (changed,) = [row for row in comparison.rows if row.changes]
    assert [change.primary for change in changed.changes] == [QUOTE]


def test_sentence_added_inside_a_quotation_is_a_quote() -> None:
    left = QUOTATION_SENTENCE.replace(" Talks were hard.", "")
    inserted = [
        (text, change.classes)
        for _, text, change in changes_with_texts(compare(left, QUOTATION_SENTENCE))
    ]
    assert inserted == [("Talks were hard.", (QUOTE,))]


def test_sentence_after_a_quotation_closes_is_no_quote() -> None:
    left = "“We met on Monday,” he said. Talks were hard."
    right = left.replace("hard", "difficult")
    assert _all_classes(compare(left, right)) == {WORDING}


def _all_classes(comparison: Comparison) -> set[ChangeClass]:
    return {kind for row in comparison.rows for change in row.changes for kind in change.classes}
