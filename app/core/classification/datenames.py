"""The names of the months and weekdays in the languages the engine knows.

English and German write them with a capital ("May", "Mai"), so that "may"
is no month; the others in lower case ("lundi", "enero"), or with a capital
at the start of a sentence. Portuguese weekdays are "segunda-feira"...: the
first word names the day ("na segunda"). A language without names here
reads dates by their English names.
"""

from __future__ import annotations

from functools import cache

from app.core.segmentation.languages import DEFAULT_LANGUAGE

# Language -> (January..December, Monday..Sunday)
_NAMES = {
    "en": (
        "January February March April May June July August September October November December",
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    ),
    "de": (
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    ),
    "fr": (
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "lundi mardi mercredi jeudi vendredi samedi dimanche",
    ),
    "es": (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "lunes martes miércoles jueves viernes sábado domingo",
    ),
    "it": (
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre",
        "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    ),
    "nl": (
        "januari februari maart april mei juni juli augustus september oktober november december",
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    ),
    "pt": (
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "segunda terça quarta quinta sexta sábado domingo",
    ),
}
_CAPITALIZED = frozenset({"en", "de"})
# German "Sonnabend" is Saturday too.
_MORE = {"de": {"Sonnabend": (6, "weekday")}}


@cache
def date_names(language: str) -> dict[str, tuple[int, str]]:
    """Each month's and weekday's name as written in `language`: (number, "month" or
    "weekday"), January and Monday 1."""
    months, weekdays = _NAMES.get(language, _NAMES[DEFAULT_LANGUAGE])
    names = {name: (index, "month") for index, name in enumerate(months.split(), 1)}
    names |= {name: (index, "weekday") for index, name in enumerate(weekdays.split(), 1)}
    names |= _MORE.get(language, {})
    if language not in _CAPITALIZED and language in _NAMES:
        names |= {name.capitalize(): value for name, value in names.items()}
    return names


# Every name in lower case: the quick test of whether a word may be a date.
ALL_DATE_WORDS = frozenset(name.lower() for language in _NAMES for name in date_names(language))
