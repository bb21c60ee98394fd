"""`diptych compare`, run in process: output formats and bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import EXIT_BAD_INPUT, main
from app.core import compare_with
from app.core.serialize import comparison_from_json, comparison_json_text
from tests.exports.reader import paragraphs, resolved
from tests.ingest import pdfs
from tests.web.html import marked

LEFT = "Hello world. Putin has toned down his demands.\n"
RIGHT = "Hello world. Putin has softened his demands.\n"


def write(directory: Path, name: str, data: bytes) -> str:
    path = directory / name
    path.write_bytes(data)
    return str(path)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["compare", *args, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return (
        write(tmp_path, "left.txt", LEFT.encode()),
        write(tmp_path, "right.txt", RIGHT.encode()),
    )


@pytest.mark.parametrize(
    ("flags", "options"),
    [
        ([], {"language": "en", "language_detected": True}),
        (["--language", "detect"], {"language": "en", "language_detected": True}),
        (["--language", "fr"], {"language": "fr"}),
    ],
)
def test_language_flag(
    pair: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    options: dict[str, object],
) -> None:
    data = run_json(capsys, *flags, *pair)
    assert data["options"] == {"granularity": "word", **options}


def test_json_output(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, *pair)
    assert data["schema"] == 1
    # The language is detected by default, and said to be.
    assert data["options"] == {"granularity": "word", "language": "en", "language_detected": True}
    assert (data["left"]["text"], data["right"]["text"]) == (LEFT, RIGHT)
    assert [row["op"] for row in data["rows"]] == ["equal", "modified"]
    assert ["delete", "toned down"] in data["rows"][1]["diff"]


@pytest.mark.parametrize(
    "flags", [[], ["--granularity", "char", "--language", "fr", "--ignore-case"]]
)
def test_json_output_is_the_text_the_server_stores(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str], flags: list[str]
) -> None:
    assert main(["compare", *pair, *flags, "--format", "json"]) == 0
    out, _ = capsys.readouterr()
    options = comparison_from_json(json.loads(out)).options
    assert out == comparison_json_text(compare_with(LEFT, RIGHT, options)) + "\n"


def test_json_output_char_granularity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left = write(tmp_path, "left.txt", b"Schmitt said so.")
    right = write(tmp_path, "right.txt", b"Schmidt said so.")
    data = run_json(capsys, left, right, "--granularity", "char")
    assert data["options"]["granularity"] == "char"
    assert data["rows"][0]["diff"][0] == ["equal", "Schmi"]


def test_text_output_marks_changes_when_not_a_tty(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", *pair]) == 0
    out, err = capsys.readouterr()
    assert "Putin has [-toned down-]{+softened+}<wording> his demands." in out
    assert "\x1b[" not in out
    assert err == ""


def test_text_output_in_colour_on_a_tty(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["compare", *pair]) == 0
    out = capsys.readouterr().out
    assert "\x1b[31;9mtoned down\x1b[0m" in out
    assert "[-" not in out


def test_crlf_input_gives_lf_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left = write(tmp_path, "left.txt", b"First line.\r\nSecond line.\r\n\r\nThird.\r\n")
    right = write(tmp_path, "right.txt", b"First line.\nSecond line.\n\nThird.\n")
    data = run_json(capsys, left, right)
    assert data["left"]["text"] == "First line.\nSecond line.\n\nThird.\n"
    assert data["left"]["segments"] == data["right"]["segments"]
    assert {row["op"] for row in data["rows"]} == {"equal"}


def test_utf8_bom_is_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left = write(tmp_path, "left.txt", b"\xef\xbb\xbf" + LEFT.encode())
    right = write(tmp_path, "right.txt", LEFT.encode())
    data = run_json(capsys, left, right)
    assert data["left"]["text"] == LEFT
    assert data["left"]["segments"][0]["start"] == 0
    assert {row["op"] for row in data["rows"]} == {"equal"}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b" \n\t\r\n", "holds only whitespace", id="whitespace-only"),
        pytest.param(b"\xef\xbb\xbf", "is empty", id="bom-only"),
        pytest.param(b"PK\x03\x04\x00\x00binary", "binary", id="nul-byte"),
        pytest.param(b"GIF89a\x00\x00\x01binary", "binary", id="binary"),
    ],
)
@pytest.mark.parametrize("side", ["left", "right"])
def test_bad_file_exits_2_with_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, problem: str, side: str
) -> None:
    good = write(tmp_path, "good.txt", LEFT.encode())
    bad = write(tmp_path, "bad.txt", data)
    args = [bad, good] if side == "left" else [good, bad]
    assert main(["compare", *args]) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert bad in err
    assert problem in err


def test_latin_1_file_is_read_as_cp1252(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left = write(tmp_path, "left.txt", "Kaja Kallas à Paris – “today”.".encode("cp1252"))
    right = write(tmp_path, "right.txt", "Kaja Kallas à Paris – “today”.".encode())
    data = run_json(capsys, left, right)
    assert data["left"]["text"] == data["right"]["text"]
    assert {row["op"] for row in data["rows"]} == {"equal"}


def test_html_and_docx_files_are_read_as_their_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph(LEFT.strip())
    document.save(str(tmp_path / "left.docx"))
    page = (
        "<!doctype html><html><head><title>Talks</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World news menu</a></nav>"
        f"<article><p>{RIGHT.strip()}</p></article></body></html>"
    )
    right = write(tmp_path, "right.html", page.encode())
    data = run_json(capsys, str(tmp_path / "left.docx"), right)
    assert data["left"]["text"].strip() == LEFT.strip()
    assert "softened" in data["right"]["text"]
    assert "World news menu" not in data["right"]["text"]


def test_pdf_files_are_read_as_their_paragraphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    left = write(tmp_path, "left.pdf", pdfs.two_columns())
    right = write(tmp_path, "right.pdf", pdfs.hyphenated())
    data = run_json(capsys, left, right)
    assert (data["left"]["text"], data["right"]["text"]) == (
        pdfs.TWO_COLUMNS_TEXT,
        pdfs.HYPHENATED_TEXT,
    )


@pytest.mark.parametrize(("data", "problem"), pdfs.UNREADABLE)
def test_a_bad_pdf_exits_2_naming_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    problem: str,
) -> None:
    monkeypatch.setenv("DIPTYCH_PDF_MAX_PAGES", str(pdfs.PAGE_LIMIT))
    good = write(tmp_path, "good.txt", LEFT.encode())
    bad = write(tmp_path, "bad.pdf", data)
    assert main(["compare", good, bad]) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"diptych: {bad}: {problem}\n"


@pytest.mark.parametrize("name", ["missing.txt", "folder"])
def test_missing_file_or_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tmp_path / "folder").mkdir()
    good = write(tmp_path, "good.txt", LEFT.encode())
    missing = str(tmp_path / name)
    assert main(["compare", good, missing, "--format", "json"]) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"diptych: {missing}: ")


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_BAD_INPUT
    assert "compare" in capsys.readouterr().out


def test_purge_deletes_the_expired_comparisons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime, timedelta

    from app.service import ComparisonService
    from app.settings import Settings
    from app.store import open_store

    url = f"sqlite:///{tmp_path / 'purge.db'}"
    settings = Settings(database_url=url)
    past = datetime.now(UTC) - timedelta(days=2)
    with open_store(url) as store:
        then = ComparisonService(store, settings, clock=lambda: past)
        expired = then.create("", LEFT, "", RIGHT, "", expires_at=past + timedelta(days=1))
        kept = then.create("", LEFT, "", RIGHT, "")
    assert main(["purge", "--database-url", url]) == 0
    assert capsys.readouterr().out == "1 expired comparison deleted\n"
    with open_store(url) as store:
        assert store.get(expired.record.id) is None
        assert store.get(kept.record.id) is not None
    assert main(["purge", "--database-url", url]) == 0
    assert capsys.readouterr().out == "0 expired comparisons deleted\n"
    assert main(["purge", "--database-url", "mysql://nope"]) == EXIT_BAD_INPUT


def test_docx_output_is_the_right_text_with_tracked_changes(
    pair: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.docx"
    assert main(["compare", *pair, "--format", "docx", "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    docx = out.read_bytes()
    assert resolved(docx, accept=True) == [RIGHT.strip()]
    assert resolved(docx, accept=False) == [LEFT.strip()]
    revised = [text for p in paragraphs(docx) for text, revision in p.pieces if revision]
    assert revised == ["toned down", "softened"]


def test_docx_output_needs_a_file(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", *pair, "--format", "docx"]) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert "-o FILE" in err


def test_the_report_as_html_and_pdf(
    pair: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "out.html"
    assert main(["compare", *pair, "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "What changed" in html and "<script" not in html and "Share link" not in html
    assert "<del" in html and "<ins" in html
    pdf = tmp_path / "out.pdf"
    assert main(["compare", *pair, "--format", "pdf", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert main(["compare", *pair, "--format", "pdf"]) == EXIT_BAD_INPUT
    assert "-o FILE" in capsys.readouterr().err


def test_the_report_leaves_out_what_the_ignore_flags_ignore(tmp_path: Path) -> None:
    left = write(tmp_path, "left.txt", b"The Talks resume on Monday.\n")
    right = write(tmp_path, "right.txt", b"the talks resume on Tuesday.\n")
    page = tmp_path / "out.html"
    assert main(["compare", left, right, "--format", "html", "-o", str(page)]) == 0
    assert marked(page.read_text(encoding="utf-8"), "del") == ["The Talks", "Monday"]
    flags = ["--ignore-case", "--format", "html", "-o", str(page)]
    assert main(["compare", left, right, *flags]) == 0
    html = page.read_text(encoding="utf-8")
    assert "The Talks" not in html and marked(html, "del") == ["Monday"]
    assert "Differences of case are ignored" in html


def test_output_to_a_file_works_for_json_too(
    pair: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    assert main(["compare", *pair, "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["right"]["text"] == RIGHT


def test_an_unwritable_output_is_bad_input(
    pair: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "out.docx"
    assert main(["compare", *pair, "--format", "docx", "-o", str(missing)]) == EXIT_BAD_INPUT
    assert "cannot write" in capsys.readouterr().err


# (flags, the bad file's name and bytes, words of the one error line)
LIMIT_CASES = [
    pytest.param(
        ["--max-text-bytes", "40"], "long.txt", LEFT.encode(), "--max-text-bytes", id="text"
    ),
    pytest.param(
        ["--fetch-max-bytes", "20"], "big.txt", LEFT.encode(), "--fetch-max-bytes", id="file"
    ),
    pytest.param(
        ["--docx-max-unpacked-bytes", "1000"],
        "big.docx",
        None,
        "unpacks to more than 1,000 bytes (raise the limit with --docx-max-unpacked-bytes)",
        id="unpacked",
    ),
]


@pytest.mark.parametrize(("flags", "name", "data", "words"), LIMIT_CASES)
def test_the_server_s_limits_apply_and_a_flag_raises_them(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    name: str,
    data: bytes | None,
    words: str,
) -> None:
    from tests.ingest.samples import word_document

    good = write(tmp_path, "good.txt", b"Short.")
    bad = write(tmp_path, name, data if data is not None else word_document())
    assert main(["compare", bad, good, *flags]) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert (out, err.count("\n")) == ("", 1)
    assert err.startswith(f"diptych: {bad}: ") and words in err
    assert main(["compare", bad, good]) == 0  # within the default limits


def test_the_limits_come_from_the_environment_too(
    pair: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPTYCH_MAX_TEXT_BYTES", "10")
    assert main(["compare", *pair]) == EXIT_BAD_INPUT
    assert "its text is too large" in capsys.readouterr().err
    assert main(["compare", *pair, "--max-text-bytes", "1000"]) == 0


def test_a_zip_bomb_is_refused_with_no_flag_to_raise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.ingest.bombs import zip_bomb

    bomb = write(tmp_path, "bomb.docx", zip_bomb(20_000_000))
    good = write(tmp_path, "good.txt", b"Short.")
    assert main(["compare", bomb, good]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "ZIP bomb" in err and "raise the limit" not in err
