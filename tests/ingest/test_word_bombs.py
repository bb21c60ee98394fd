"""Word documents as untrusted archives: bombs are refused quickly, within bounded memory."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.ingest import InputError, InputTooLargeError, ReadLimits, read_upload, wordtext
from app.ingest.word import HAS_DTD, NOT_DOCX
from tests.ingest import bombs
from tests.ingest.samples import word_document

MB = 1_000_000
SMALL_TEXT = ReadLimits(max_text_bytes=10_000)
# (document, limits, error type, words of the problem)
REFUSED: list[tuple[Callable[[], bytes], ReadLimits, type[InputError], str]] = [
    (lambda: bombs.zip_bomb(20 * MB), ReadLimits(), InputTooLargeError, "would inflate"),
    (lambda: bombs.zip_bomb(70 * MB), ReadLimits(), InputTooLargeError, "unpacks to more than"),
    (
        lambda: bombs.long_document(30_000),
        ReadLimits(),
        InputTooLargeError,
        "its text is too large: more",
    ),
    # Read as a stream: the text passes the limit before the broken end is reached.
    (lambda: bombs.long_document(200, b"<<broken"), SMALL_TEXT, InputTooLargeError, "more than"),
    (lambda: bombs.long_document(20, b"<<broken"), SMALL_TEXT, InputError, NOT_DOCX),
    (bombs.billion_laughs, ReadLimits(), InputError, HAS_DTD),
    (lambda: bombs.external_entity("/etc/hostname"), ReadLimits(), InputError, HAS_DTD),
    (
        lambda: bombs.with_part("docProps/core.xml", [b'<!DOCTYPE x [<!ENTITY a "b">]><x/>']),
        ReadLimits(),
        InputError,
        HAS_DTD,
    ),
]


@pytest.mark.parametrize(("make", "limits", "error", "problem"), REFUSED)
def test_hostile_documents_are_refused_quickly(
    make: Callable[[], bytes], limits: ReadLimits, error: type[InputError], problem: str
) -> None:
    data = make()
    before = resource.getrusage(resource.RUSAGE_SELF)
    with pytest.raises(InputError) as caught:
        read_upload(data, "bomb.docx", None, limits)
    spent = resource.getrusage(resource.RUSAGE_SELF)
    assert type(caught.value) is error
    assert problem in caught.value.problem
    assert str(caught.value).startswith("bomb.docx: ")
    assert (spent.ru_utime + spent.ru_stime) - (before.ru_utime + before.ru_stime) < 1.0


def test_a_document_under_the_limits_is_read_whole() -> None:
    text = read_upload(bombs.long_document(100), "long.docx", None, SMALL_TEXT).text
    assert text == "\n\n".join(bombs.words(i) for i in range(100))


def test_an_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    with pytest.raises(InputError) as caught:
        read_upload(bombs.external_entity(str(secret)), "leak.docx", None)
    assert "TOP SECRET" not in str(caught.value)


def test_running_out_of_memory_is_not_a_format_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(wordtext.BodyText, "data", exhausted)
    with pytest.raises(MemoryError):
        read_upload(word_document(), "story.docx", None)


# Reads the bomb in a fresh interpreter and prints its resident memory before and
# its peak after, in KiB: the increase is what reading cost. (Not ru_maxrss: it
# survives exec, so it would start at the forking test process's size.)
_MEASURE = """
import json, resource, sys
from pathlib import Path
from app.ingest import InputError, read_path
def status(key):
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith(key))
    return int(line.split()[1])
read_path(sys.argv[1])  # imports and warms up on a small document
Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
before, outcome = status("VmRSS:"), "read"
cpu = resource.getrusage(resource.RUSAGE_SELF)
try:
    read_path(sys.argv[2])
except InputError as error:
    outcome = type(error).__name__
after = resource.getrusage(resource.RUSAGE_SELF)
seconds = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
print(json.dumps({"before": before, "after": status("VmHWM:"), "outcome": outcome, "cpu": seconds}))
"""


def _peak_memory(small: Path, path: Path) -> dict[str, object]:
    ran = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(small), str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    measured: dict[str, object] = json.loads(ran.stdout)
    return measured


MEMORY_CASES = [
    pytest.param(lambda: bombs.zip_bomb(60 * MB), "InputTooLargeError", id="zip-bomb"),
    pytest.param(lambda: bombs.long_document(40_000), "InputTooLargeError", id="huge-text"),
    # 20 MB of markup and no text: parsed to its end, as a stream.
    pytest.param(lambda: bombs.markup_document(20 * MB), "InputError", id="huge-markup"),
    pytest.param(bombs.billion_laughs, "InputError", id="billion-laughs"),
]


@pytest.mark.parametrize(("make", "outcome"), MEMORY_CASES)
def test_reading_a_bomb_takes_bounded_memory(
    tmp_path: Path, make: Callable[[], bytes], outcome: str
) -> None:
    small = tmp_path / "small.docx"
    small.write_bytes(word_document())
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(make())
    measured = _peak_memory(small, bomb)
    assert measured["outcome"] == outcome
    grown_kib = int(str(measured["after"])) - int(str(measured["before"]))
    # The file itself is in memory (up to 10 MB), and little more.
    assert grown_kib < 40_000, measured
    assert float(str(measured["cpu"])) < 5.0, measured
