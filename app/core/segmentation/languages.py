"""The languages the engine knows, and which of them a text is written in.

Segmentation (sentencex, with corrections: `sentence_ends`), quotation marks
(`quotes`) and the names of months and weekdays (`numbers`) cover English,
German, French, Spanish, Italian, Dutch and Portuguese. sentencex itself
knows some 300 languages: any other code is segmented by its rules, with
English names of dates.

"detect" reads the language from the texts: the words of each language that
make up a good part of any text in it ("der", "und", "nicht"; "le", "est",
"pas"), counted in the first few thousand characters of both texts, each
word worth less the more of the languages share it. A text with too few of
them (short, or in another language) is English. The language found is the
comparison's: stored with its options, so the result says which it was and
is computed again the same way. A word list, not a statistical model: it
answers in well under a millisecond, with nothing to load, where a model
that ships in a package (py3langid) takes 0.6 s to load, more than a whole
`diptych compare` may.
"""

from __future__ import annotations

import re
from collections import Counter

DETECT = "detect"
DEFAULT_LANGUAGE = "en"
# Code -> name, in the order the form lists them.
LANGUAGES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
}
_FUNCTION_WORDS = {
    "en": "the and of to in is that it was for on with as he she said by at from have has are "
    "this be not but they which would were been",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch es "
    "an als wie wird bei oder nach hat sie werden über sagte",
    "fr": "le la les et des est une dans que qui pour pas sur au du il elle avec ce sont par "
    "plus été ont aux mais ses cette leur a",
    "es": "el la los las y de que en un una es por con para del se no al lo como más pero sus "
    "su fue ha este esta también",
    "it": "il la di che e è un una per non del della con sono le gli si da nel alla anche ma "
    "più dei ha questo come lo stato",
    "nl": "de het een en van is dat niet op te zijn voor met die er aan ook maar om bij door "
    "naar wordt hij zij heeft werd nog dan",
    "pt": "o a os as de que e do da em um uma para com não por no na dos das se mais foi ao "
    "como mas seu sua também é pelo pela",
}
_SHARED_BY = Counter(word for words in _FUNCTION_WORDS.values() for word in set(words.split()))
# Each language's words, each worth 1 / the number of languages that list it.
_WORTH = {
    language: {word: 1 / _SHARED_BY[word] for word in words.split()}
    for language, words in _FUNCTION_WORDS.items()
}
_SAMPLE = 4000  # characters read of each text
_MIN_SCORE = 4.0  # fewer telling words: too little to tell
_MIN_SHARE = 0.15  # of the words read: below, another language
_WORD = re.compile(r"[^\W\d_]+")


def resolve_language(language: str, left: str, right: str) -> str:
    """The language to compare in: `language`, or for "detect" the texts' own."""
    if language != DETECT:
        return language
    return detect_language(left[:_SAMPLE] + "\n" + right[:_SAMPLE])


def detect_language(text: str) -> str:
    """The language of LANGUAGES `text` is written in; English if it cannot tell."""
    words = Counter(_WORD.findall(text.lower()))
    scores = {
        language: sum(count * worth.get(word, 0.0) for word, count in words.items())
        for language, worth in _WORTH.items()
    }
    best = max(LANGUAGES, key=lambda language: scores[language])  # the first of a tie
    if scores[best] < max(_MIN_SCORE, _MIN_SHARE * words.total()):
        return DEFAULT_LANGUAGE
    return best
