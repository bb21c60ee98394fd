"""Numbers, amounts, percentages and dates, read for their value.

"10 percent" and "10%", "$5.4-billion" and "$5.4 billion", "2,000,000" and
"2 million", "two" and "2", "1st" and "first" have the same value; "2016" and
"2017", "$43 billion" and "$43 million", "March" and "May" do not. A value
is exact: a whole mantissa and a power of ten (5.4 billion is 54 x 10^8),
with a unit: a currency sign, "%", or "month"/"weekday" for the names of
dates in the comparison's language (`app.core.classification.datenames`: "May" and "mai",
not "may"; "lundi" -> "mardi" is a change of date).

The text is cut into words, numbers and signs, and read left to right: an
optional currency sign, a number in digits or words, an optional power
("billion"), an optional percent. Punctuation between them does not matter,
so "$5.4-billion" reads as "$5.4 billion". English writes "1,000.5"; the
other languages "1.000,5".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from app.core.classification.datenames import ALL_DATE_WORDS, date_names
from app.core.segmentation.languages import DEFAULT_LANGUAGE, LANGUAGES

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_POWERS = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9}
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_PERCENT_WORDS = frozenset({"%", "percent", "pct", "prozent", "procent"})
_PERCENT_PAIRS = frozenset(
    {("per", "cent"), ("pour", "cent"), ("por", "ciento"), ("per", "cento"), ("por", "cento")}
)
_CURRENCIES = frozenset("$€£¥")
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_POWERS)
_VALUE_WORDS = NUMBER_WORDS | ALL_DATE_WORDS
# English separators: "1,000" is a thousand, "5.4" five point four; the
# other languages' the other way round.
# Digits are \d, decimal digits: int() reads them, not "²", which is a letter here.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[$€£¥%]")


class Value(NamedTuple):
    mantissa: int
    exponent: int
    unit: str

    def __str__(self) -> str:
        return f"{self.mantissa}e{self.exponent}{self.unit}"


def may_hold_value(word: str) -> bool:
    """A quick test on a word in lower case: false if it is no part of any value."""
    return word[0].isdecimal() or word in _VALUE_WORDS


def values(text: str, language: str = DEFAULT_LANGUAGE) -> list[Value]:
    """The values written in a text, in order."""
    return [item for item in read(text, language) if isinstance(item, Value)]


def read(text: str, language: str = DEFAULT_LANGUAGE) -> list[Value | str]:
    """The text's words and signs, with each number, amount or date read as its Value."""
    tokens = _TOKEN.findall(text)
    dates = date_names(language)
    decimal_comma = language != DEFAULT_LANGUAGE and language in LANGUAGES
    items: list[Value | str] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if (
            token[0].isdecimal()
            or token in _CURRENCIES
            or token in dates
            or token.lower() in NUMBER_WORDS
        ):
            value, after = _value_at(tokens, at, dates, decimal_comma)
            if value is not None:
                items.append(value)
                at = after
                continue
        items.append(token)
        at += 1
    return items


def _value_at(
    tokens: list[str], at: int, dates: dict[str, tuple[int, str]], decimal_comma: bool
) -> tuple[Value | None, int]:
    """The value starting at tokens[at] and the index after it, or (None, at)."""
    token = tokens[at]
    if token in dates:
        index, unit = dates[token]
        return Value(index, 0, unit), at + 1
    currency = ""
    if token in _CURRENCIES and at + 1 < len(tokens):
        currency, at = token, at + 1
    number, after = _number_at(tokens, at, decimal_comma)
    if number is None:
        return None, at
    mantissa, exponent = number
    if after < len(tokens) and tokens[after].lower() in _POWERS:
        exponent += _POWERS[tokens[after].lower()]
        after += 1
    unit = currency
    if after < len(tokens) and tokens[after].lower() in _PERCENT_WORDS:
        unit, after = "%", after + 1
    elif tuple(token.lower() for token in tokens[after : after + 2]) in _PERCENT_PAIRS:
        unit, after = "%", after + 2
    return _normalized(mantissa, exponent, unit), after


def _number_at(
    tokens: list[str], at: int, decimal_comma: bool
) -> tuple[tuple[int, int] | None, int]:
    """A number in digits or words at tokens[at]: ((mantissa, exponent), index after)."""
    token = tokens[at].lower()
    if token[0].isdecimal():
        decimal, grouping = (",", ".") if decimal_comma else (".", ",")
        whole, _, fraction = token.replace(grouping, "").partition(decimal)
        fraction = fraction.replace(decimal, "")
        after = at + 1
        if after < len(tokens) and tokens[after].lower() in _ORDINAL_SUFFIXES:
            after += 1  # "1st"
        return (int(whole + fraction), -len(fraction)), after
    if token in _TENS:
        following = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
        if _UNITS.get(following, 10) < 10:
            return (_TENS[token] + _UNITS[following], 0), at + 2  # "twenty-five"
        return (_TENS[token], 0), at + 1
    if token in _UNITS:
        return (_UNITS[token], 0), at + 1
    if token in _POWERS:
        return (1, 0), at  # "billion" alone: the power is read next
    return None, at


def _normalized(mantissa: int, exponent: int, unit: str) -> Value:
    while mantissa and mantissa % 10 == 0:
        mantissa //= 10
        exponent += 1
    return Value(mantissa, exponent if mantissa else 0, unit)
