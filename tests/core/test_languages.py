"""Segmentation, quotations and dates in the languages the engine covers, and
which language a text is detected to be in.

The quotation cases are built from one table of phrases per language and one
of quotation marks: every shape (a quotation of two sentences between an
introduction and the next sentence, followed by its attribution, with the
attribution between its sentences, ending a paragraph, with a quotation
inside it) in every kind of marks (straight, curly, « » with the French
spaces inside, „ “) in every language. Each sentence inside a quotation is a
segment; the closing mark and the attribution stay with the last.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from app.core import ChangeClass, RowOp, compare
from app.core.segmentation.languages import LANGUAGES, detect_language, resolve_language
from app.core.segmentation.segment import segment_text
from tests.core.helpers import changes_with_texts, coverage_problems, segment_texts


class Phrases(NamedTuple):
    intro: str  # "He said:"
    first: str  # the quotation's first sentence
    second: str  # its second
    attribution: str  # "he said"
    after: str  # the sentence after the quotation
    nested: tuple[str, str]  # the marks of a quotation inside a quotation


PHRASES = {
    "en": Phrases(
        "He said:",
        "This is hard.",
        "But we will get there.",
        "he said",
        "Then he left.",
        ("‘", "’"),
    ),
    "de": Phrases(
        "Er sagte:",
        "Das ist schwer.",
        "Aber wir schaffen das.",
        "sagte er",
        "Dann ging er.",
        ("‚", "‘"),
    ),
    "fr": Phrases(
        "Il a dit :",
        "C'est difficile.",
        "Mais nous y arriverons.",
        "a-t-il dit",
        "Puis il est parti.",
        ("“", "”"),
    ),
    "es": Phrases(
        "Dijo:",
        "Esto es difícil.",
        "Pero lo lograremos.",
        "dijo el ministro",
        "Luego se fue.",
        ("“", "”"),
    ),
    "it": Phrases(
        "Ha detto:",
        "È difficile.",
        "Ma ce la faremo.",
        "ha detto il ministro",
        "Poi se n'è andato.",
        ("“", "”"),
    ),
    "nl": Phrases(
        "Hij zei:",
        "Dit is moeilijk.",
        "Maar het gaat ons lukken.",
        "zei hij",
        "Daarna vertrok hij.",
        ("‘", "’"),
    ),
    "pt": Phrases(
        "Ele disse:",
        "Isto é difícil.",
        "Mas vamos conseguir.",
        "disse o ministro",
        "Depois foi embora.",
        ("“", "”"),
    ),
}
MARKS = {
    "straight": ('"', '"'),
    "curly": ("“", "”"),
    "guillemets": ("«\u00a0", "\u00a0»"),
    "german": ("„", "“"),
    "german guillemets": ("»", "«"),
}


def _shapes(p: Phrases, o: str, c: str) -> dict[str, tuple[str, list[str]]]:
    """Each shape of quotation: its text and its segments."""
    second_open = p.second[:-1]
    return {
        "between": (
            f"{p.intro} {o}{p.first} {p.second}{c} {p.after}",
            [f"{p.intro} {o}{p.first}", f"{p.second}{c}", p.after],
        ),
        "attributed": (
            f"{o}{p.first} {second_open}{c}, {p.attribution}.",
            [f"{o}{p.first}", f"{second_open}{c}, {p.attribution}."],
        ),
        "attribution in the middle": (
            f"{o}{p.first[:-1]},{c} {p.attribution}. {o}{p.second} {p.after}{c}",
            [f"{o}{p.first[:-1]},{c} {p.attribution}.", f"{o}{p.second}", f"{p.after}{c}"],
        ),
        "ending a paragraph": (
            f"{p.intro} {o}{p.first} {p.second}{c}\n\n{p.after}",
            [f"{p.intro} {o}{p.first}", f"{p.second}{c}", p.after],
        ),
        # A quotation of two paragraphs opens both and closes the second.
        "open at a paragraph's end": (
            f"{p.intro} {o}{p.first} {p.second}\n\n{o}{p.after} {p.first}{c}",
            [f"{p.intro} {o}{p.first}", p.second, f"{o}{p.after}", f"{p.first}{c}"],
        ),
    }


QUOTATION_CASES = [
    pytest.param(language, text, expected, id=f"{language}-{marks}-{shape}")
    for language, phrases in PHRASES.items()
    for marks, (opening, closing) in MARKS.items()
    for shape, (text, expected) in _shapes(phrases, opening, closing).items()
]
NESTED_CASES = [
    pytest.param(
        language,
        f"{p.intro} {o}{p.intro} {p.nested[0]}{p.first} {p.second}{p.nested[1]}{c} {p.after}",
        [f"{p.intro} {o}{p.intro} {p.nested[0]}{p.first}", f"{p.second}{p.nested[1]}{c}", p.after],
        id=f"{language}-{marks}-nested",
    )
    for language, p in PHRASES.items()
    for marks, (o, c) in MARKS.items()
    if p.nested[0] not in o + c
]


@pytest.mark.parametrize(("language", "text", "expected"), QUOTATION_CASES + NESTED_CASES)
def test_sentences_inside_quotations(language: str, text: str, expected: list[str]) -> None:
    segments = segment_text(text, language)
    assert segment_texts(text, segments) == expected
    assert coverage_problems(text, segments) == []


SENTENCE_CASES = [
    (
        "de",
        "Viele nehmen zu wenig Wasser zu sich. 40 Prozent trinken weniger als einen Liter.",
        ["Viele nehmen zu wenig Wasser zu sich.", "40 Prozent trinken weniger als einen Liter."],
    ),
    (
        "de",
        "Der Tag ist für alle Mütter. 1914 führte Präsident Wilson ihn ein.",
        ["Der Tag ist für alle Mütter.", "1914 führte Präsident Wilson ihn ein."],
    ),
    (
        "de",
        "Die Kosten stiegen um 5 %. 20 Firmen gingen pleite.",
        ["Die Kosten stiegen um 5 %.", "20 Firmen gingen pleite."],
    ),
    # An ordinal's stop and an abbreviation's do not end a sentence.
    (
        "de",
        "Er kam am 3. Oktober nach Berlin. Wir zahlen ca. 40 Euro dafür.",
        ["Er kam am 3. Oktober nach Berlin.", "Wir zahlen ca. 40 Euro dafür."],
    ),
    (
        "de",
        "Er sagte: „Sie tranken zu wenig. 40 Prozent tranken nichts.“",
        ["Er sagte: „Sie tranken zu wenig.", "40 Prozent tranken nichts.“"],
    ),
    (
        "nl",
        "Veel mensen drinken te weinig. 40 procent drinkt minder dan een liter.",
        ["Veel mensen drinken te weinig.", "40 procent drinkt minder dan een liter."],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), SENTENCE_CASES)
def test_sentences(language: str, text: str, expected: list[str]) -> None:
    assert segment_texts(text, segment_text(text, language)) == expected


DETECTION_CASES = {
    "en": "The government said on Monday that it would raise taxes. Officials have not "
    "yet said when the plan will take effect, but the minister was clear that it is needed.",
    "de": "Die Regierung hat am Montag beschlossen, dass die Steuern steigen. Wann das Gesetz "
    "in Kraft tritt, ist noch nicht klar, sagte der Minister, aber es sei nötig.",
    "fr": "Le gouvernement a annoncé lundi une hausse des impôts. La date d'entrée en vigueur "
    "n'est pas encore connue, mais le ministre a dit qu'elle était nécessaire.",
    "es": "El gobierno anunció el lunes una subida de los impuestos. Todavía no se sabe cuándo "
    "entrará en vigor, pero el ministro dijo que es necesaria para el país.",
    "it": "Il governo ha annunciato lunedì un aumento delle tasse. Non è ancora chiaro quando "
    "la legge entrerà in vigore, ma il ministro ha detto che è necessaria.",
    "nl": "De regering heeft maandag besloten dat de belastingen omhoog gaan. Wanneer de wet "
    "ingaat is nog niet duidelijk, maar de minister zei dat het nodig is.",
    "pt": "O governo anunciou na segunda-feira um aumento dos impostos. Ainda não se sabe "
    "quando a lei entra em vigor, mas o ministro disse que é necessária.",
}


@pytest.mark.parametrize(("language", "text"), DETECTION_CASES.items())
def test_detects_each_language(language: str, text: str) -> None:
    assert detect_language(text) == language
    assert resolve_language("detect", text, text) == language
    assert resolve_language(language, "", "") == language


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Vote: 7-2",
        "Dzisiaj rząd ogłosił podwyżkę podatków, która wejdzie w życie w przyszłym roku.",
    ],
)
def test_too_little_to_tell_is_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_every_language_is_detected_and_covered() -> None:
    assert set(DETECTION_CASES) == set(LANGUAGES) == set(PHRASES)


def test_detected_language_is_the_comparisons() -> None:
    left = DETECTION_CASES["de"] + " 40 Prozent trinken zu wenig."
    right = DETECTION_CASES["de"] + " 45 Prozent trinken zu wenig."
    comparison = compare(left, right, language="detect")
    assert (comparison.options.language, comparison.options.language_detected) == ("de", True)
    assert comparison.options.as_dict()["language_detected"] is True
    # Two German sentences, as with the language named.
    chosen = compare(left, right, language="de")
    assert comparison.rows == chosen.rows
    assert not chosen.options.language_detected
    assert "language_detected" not in chosen.options.as_dict()


# (language, left, right): a change of date, not of wording.
DATE_CASES = [
    ("fr", "La réunion a eu lieu lundi à Paris.", "La réunion a eu lieu mardi à Paris."),
    ("fr", "Lundi, la réunion a eu lieu à Paris.", "Mardi, la réunion a eu lieu à Paris."),
    ("fr", "Il est arrivé en mai à Paris.", "Il est arrivé en juin à Paris."),
    ("de", "Das Treffen fand am Montag statt.", "Das Treffen fand am Dienstag statt."),
    ("de", "Er kam im Mai nach Berlin.", "Er kam im März nach Berlin."),
    ("es", "La reunión fue el lunes en Madrid.", "La reunión fue el jueves en Madrid."),
    ("es", "Llegó en enero a Madrid.", "Llegó en febrero a Madrid."),
    ("it", "La riunione si è tenuta lunedì a Roma.", "La riunione si è tenuta martedì a Roma."),
    ("it", "È arrivato a maggio a Roma.", "È arrivato a giugno a Roma."),
    ("nl", "De vergadering was op maandag.", "De vergadering was op vrijdag."),
    ("nl", "Hij kwam in mei naar Amsterdam.", "Hij kwam in juni naar Amsterdam."),
    ("pt", "A reunião foi na segunda em Lisboa.", "A reunião foi na terça em Lisboa."),
    ("pt", "Ele chegou em março a Lisboa.", "Ele chegou em abril a Lisboa."),
    ("en", "The meeting was on Monday in London.", "The meeting was on Tuesday in London."),
]


@pytest.mark.parametrize(("language", "left", "right"), DATE_CASES)
def test_dates_in_each_language(language: str, left: str, right: str) -> None:
    changes = changes_with_texts(compare(left, right, language=language))
    assert [change.classes[0] for _, _, change in changes] == [ChangeClass.NUMBER]


def test_date_names_are_the_languages_own() -> None:
    # "mai" is May in French and "never" in Italian.
    left, right = "Non l'ho mai visto.", "Non l'ho maggio visto."
    changes = changes_with_texts(compare(left, right, language="it"))
    assert all(ChangeClass.NUMBER not in change.classes for _, _, change in changes)


# (language, left, right): the same number, written as the language writes it.
SAME_NUMBER_CASES = [
    ("de", "Es kostete 2.000 Euro.", "Es kostete 2000 Euro."),
    ("fr", "La hausse est de 5,4 pour cent.", "La hausse est de 5,4 %."),
]


@pytest.mark.parametrize(("language", "left", "right"), SAME_NUMBER_CASES)
def test_numbers_as_each_language_writes_them(language: str, left: str, right: str) -> None:
    changes = changes_with_texts(compare(left, right, language=language))
    assert changes
    assert all(ChangeClass.NUMBER not in change.classes for _, _, change in changes)


# (left, right, language): a change inside a quotation of the language's marks.
QUOTE_CLASS_CASES = [
    ("Il dit : « Nous gagnons. » Puis il part.", "Il dit : « Nous perdons. » Puis il part.", "fr"),
    ("Er sagte: „Wir gewinnen.“ Dann ging er.", "Er sagte: „Wir verlieren.“ Dann ging er.", "de"),
    ("Er sagte: »Wir gewinnen.« Dann ging er.", "Er sagte: »Wir verlieren.« Dann ging er.", "de"),
    ("Er rief ‚Halt‘ und ging.", "Er rief ‚Stopp‘ und ging.", "de"),
]


@pytest.mark.parametrize(("left", "right", "language"), QUOTE_CLASS_CASES)
def test_quotations_of_each_language_are_quotes(left: str, right: str, language: str) -> None:
    changes = changes_with_texts(compare(left, right, language=language))
    assert [change.classes[0] for _, _, change in changes] == [ChangeClass.QUOTE]


def test_german_closing_mark_opens_no_quotation() -> None:
    # „…“ closes with “: the words after it are no quotation.
    left = "Er sagte: „Wir gewinnen.“ Dann ging er nach Hause."
    right = "Er sagte: „Wir gewinnen.“ Dann fuhr er nach Hause."
    changes = changes_with_texts(compare(left, right, language="de"))
    assert [change.classes[0] for _, _, change in changes] == [ChangeClass.WORDING]


def test_german_split_sentence_is_two_rows_of_one_each() -> None:
    left = "Viele nehmen zu wenig Wasser zu sich. 40 Prozent trinken weniger als einen Liter."
    right = "Viele nehmen zu wenig Wasser zu sich. 45 Prozent trinken weniger als einen Liter."
    rows = compare(left, right, language="de").rows
    assert [row.op for row in rows] == [RowOp.EQUAL, RowOp.MODIFIED]
