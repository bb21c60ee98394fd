"""The adversarial corpus: inputs shaped to make a comparison expensive.

Each case builds a pair of texts of about `size` bytes (UTF-8) a side, from a
`random.Random` seeded by the case's name, so every run and machine measures
the same texts. `bench.adversarial` times them at full size (2 MB a side);
`tests/robust/test_adversarial_cost.py` keeps them, smaller, as regression
tests bounded in CPU time.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from app.core import CompareOptions, Granularity

FULL_SIZE = 2_000_000  # bytes a side, the server's max_text_bytes
# Character granularity is refused above its own, lower, limit (the setting
# max_char_text_bytes): its case is measured up to that.
CHAR_FULL_SIZE = 200_000

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    what: str  # the input, as the table describes it
    build: Callable[[int], tuple[str, str]]
    full_size: int = FULL_SIZE
    options: CompareOptions = field(default_factory=CompareOptions)

    def pair(self, size: int) -> tuple[str, str]:
        return self.build(size)


def _rng(name: str, side: str = "") -> random.Random:
    return random.Random(f"{name}/{side}")


def _fill(size: int, parts: Iterator[str], separator: str = " ") -> str:
    """Parts joined by `separator` until the text holds `size` bytes (ASCII parts
    count one byte a character; others are measured)."""
    out: list[str] = []
    length = 0
    for part in parts:
        out.append(part)
        length += len(part.encode("utf-8")) + len(separator)
        if length >= size:
            break
    return separator.join(out)


def _words(rng: random.Random, low: int = 3, high: int = 9) -> Iterator[str]:
    while True:
        yield "".join(rng.choices(_LETTERS, k=rng.randint(low, high)))


def _numbers(size: int, rng: random.Random) -> str:
    parts = (
        f"{rng.randint(100, 999)},{rng.randint(100, 999)},{rng.randint(100, 999)}"
        for _ in iter(int, 1)
    )
    return _fill(size, parts)


def numbers_paragraph(size: int) -> tuple[str, str]:
    """One paragraph of numbers a side ("686,579,303 119,540,831 …"), unrelated."""
    return _numbers(size, _rng("numbers", "left")), _numbers(size, _rng("numbers", "right"))


def _every_second_changed(left: str, rng: random.Random) -> str:
    words = left.split(" ")
    return " ".join(
        word if k % 2 else "".join(rng.choices(_LETTERS, k=len(word)))
        for k, word in enumerate(words)
    )


def long_sentence(size: int) -> tuple[str, str]:
    """One sentence without punctuation, every second word changed."""
    left = _fill(size, _words(_rng("sentence", "words")))
    return left, _every_second_changed(left, _rng("sentence", "changes"))


def quoted_words(size: int) -> tuple[str, str]:
    """One sentence of quoted words ("alpha" "beta" …), every second one changed."""
    left = _fill(size, (f'"{word}"' for word in _words(_rng("quoted", "words"))))
    return left, _every_second_changed(left, _rng("quoted", "changes"))


def _sentence(rng: random.Random) -> str:
    words = [next(_words(rng)) for _ in range(rng.randint(2, 5))]
    return " ".join(words).capitalize() + "."


def reversed_sentences(size: int) -> tuple[str, str]:
    """Short sentences; the right text is the left one in reverse sentence order."""
    sentences = list(_sentence_stream(size, _rng("reversed")))
    return " ".join(sentences), " ".join(reversed(sentences))


def _sentence_stream(size: int, rng: random.Random) -> Iterator[str]:
    length = 0
    while length < size:
        sentence = _sentence(rng)
        length += len(sentence) + 1
        yield sentence


def one_word_paragraphs(size: int) -> tuple[str, str]:
    """Paragraphs of one word each (from a vocabulary of 5,000), unrelated sides."""
    words = _words(_rng("vocabulary"))
    vocabulary = [next(words) for _ in range(5_000)]
    left_rng, right_rng = _rng("paragraphs", "left"), _rng("paragraphs", "right")
    left = _fill(size, (left_rng.choice(vocabulary) for _ in iter(int, 1)), "\n\n")
    right = _fill(size, (right_rng.choice(vocabulary) for _ in iter(int, 1)), "\n\n")
    return left, right


def fifty_thousand_paragraphs(size: int) -> tuple[str, str]:
    """50,000 one-word paragraphs at full size (scaled with `size`), one word in
    ten changed on the right."""
    count = max(1, size // 8)  # words of 3 to 6 letters and a blank line
    rng = _rng("fifty")
    left_words = [next(_words(rng, 3, 6)) for _ in range(count)]
    right_words = [next(_words(rng, 3, 6)) if rng.random() < 0.1 else word for word in left_words]
    return "\n\n".join(left_words), "\n\n".join(right_words)


def identical(size: int) -> tuple[str, str]:
    """The same article on both sides."""
    rng = _rng("identical")
    text = _fill(size, (_sentence(rng) for _ in iter(int, 1)))
    return text, text


def near_duplicates(size: int) -> tuple[str, str]:
    """Paragraphs of one repeated sentence, a word changed in one of each hundred."""
    sentence = "The minister said the talks would resume on Monday in Geneva."
    count = max(1, size // (len(sentence) + 2))
    right = [
        sentence.replace("Monday", "Tuesday") if k % 100 == 50 else sentence for k in range(count)
    ]
    return "\n\n".join([sentence] * count), "\n\n".join(right)


def combining_marks(size: int) -> tuple[str, str]:
    """Words buried under combining marks (Zalgo), every second word changed."""
    rng = _rng("marks")
    marks = [chr(code) for code in range(0x0300, 0x0370)]
    zalgo = (
        "".join(letter + "".join(rng.choices(marks, k=6)) for letter in word)
        for word in _words(rng)
    )
    left = _fill(size, zalgo)
    return left, _every_second_changed(left, _rng("marks", "changes"))


def emoji_zwj(size: int) -> tuple[str, str]:
    """Runs of emoji joined by zero-width joiners, a family in twenty changed."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    other = "\U0001f469\u200d\U0001f469\u200d\U0001f467"
    count = max(1, size // len(family.encode("utf-8")))
    right = [other if k % 20 == 10 else family for k in range(count)]
    return family * count, "".join(right)


def right_to_left(size: int) -> tuple[str, str]:
    """Arabic sentences with isolates and marks, a word in ten changed."""
    rng = _rng("rtl")
    letters = [chr(code) for code in range(0x0627, 0x064B)]

    def sentence() -> str:
        words = ["".join(rng.choices(letters, k=rng.randint(3, 7))) for _ in range(8)]
        return "\u2067" + " ".join(words) + "\u2069."

    sentences = list(_stream_of(size, sentence))
    changed = [s.replace(s[2:5], "بيت", 1) if k % 10 == 5 else s for k, s in enumerate(sentences)]
    return " ".join(sentences), " ".join(changed)


def _stream_of(size: int, make: Callable[[], str]) -> Iterator[str]:
    length = 0
    while length < size:
        part = make()
        length += len(part.encode("utf-8")) + 1
        yield part


CHAR = CompareOptions(granularity=Granularity.CHAR)

CASES: tuple[Case, ...] = (
    Case("numbers", "one paragraph of numbers, unrelated sides", numbers_paragraph),
    Case("long-sentence", "one sentence, no punctuation, every 2nd word changed", long_sentence),
    Case(
        "long-sentence-char",
        "the same, by character (up to the char limit)",
        long_sentence,
        CHAR_FULL_SIZE,
        CHAR,
    ),
    Case("quoted-words", "quoted words in one sentence, every 2nd changed", quoted_words),
    Case("reversed", "right = left reversed by sentence", reversed_sentences),
    Case("one-word-paragraphs", "one-word paragraphs, unrelated sides", one_word_paragraphs),
    Case(
        "50k-paragraphs",
        "50,000 one-word paragraphs (400 KB), 1 in 10 changed",
        fifty_thousand_paragraphs,
        400_000,
    ),
    Case("identical", "the same text on both sides", identical),
    Case("near-duplicates", "one sentence repeated, 1 in 100 changed", near_duplicates),
    Case("combining-marks", "words under 6 combining marks a letter", combining_marks),
    Case("emoji-zwj", "ZWJ emoji families, 1 in 20 changed", emoji_zwj),
    Case("right-to-left", "Arabic with isolates, 1 in 10 changed", right_to_left),
)
