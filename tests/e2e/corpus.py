"""Texts the end-to-end tests store through the API."""

from __future__ import annotations

# A moved sentence: MOVED_SENTENCE (second on the left) ends the right text,
# reworded. The sentences between are reworded a little on the right, so that
# none of them folds away and the moved row stands far from where it came from.
MOVED_SENTENCE = "Officials said the bridge repairs would begin in early spring next year."
MOVED_REWORDED = "Officials said the bridge repairs would start in early spring next year."
_STAYING = [
    (
        "The mayor thanked residents for their patience during the water outage.",
        "patience",
        "understanding",
    ),
    ("Police reported a sharp drop in burglaries across the northern district.", "sharp", "steep"),
    (
        "The local football club unveiled plans for a larger stadium by the river.",
        "larger",
        "bigger",
    ),
    (
        "Teachers at two primary schools will vote on strike action next month.",
        "next month",
        "in June",
    ),
    ("A new bus route will link the hospital with the railway station.", "link", "connect"),
    (
        "The museum reopens on Saturday with an exhibition of maritime paintings.",
        "Saturday",
        "Sunday",
    ),
    ("Farmers warned that the dry summer had halved the barley harvest.", "halved", "cut"),
    ("The regional airport expects record passenger numbers this winter.", "record", "higher"),
    ("A fire at a textile warehouse was brought under control overnight.", "overnight", "by dawn"),
    ("The university will open a new research centre for coastal erosion.", "open", "build"),
]
_FIRST = "The city council approved the new budget on Tuesday after a long debate."
MOVED_LEFT = "\n".join([_FIRST, MOVED_SENTENCE, *(sentence for sentence, _, _ in _STAYING)])
MOVED_RIGHT = "\n".join(
    [_FIRST, *(sentence.replace(old, new) for sentence, old, new in _STAYING), MOVED_REWORDED]
)

# Eight unchanged sentences, then one change: the eight fold away.
FOLDED_COUNT = 8
_SAME = [
    f"Paragraph {word} of the report describes the weather over the weekend."
    for word in ("one", "two", "three", "four", "five", "six", "seven", "eight")
]
FOLD_LEFT = "\n".join([*_SAME, "The storm reached the coast on Monday morning."])
FOLD_RIGHT = "\n".join([*_SAME, "The storm reached the coast on Tuesday morning."])
