"""Telling text encodings, and refusing what is not text, by name."""

from __future__ import annotations

import codecs
import random

import pytest

from app.ingest import InputError, decode_text, read_upload
from app.ingest.encoding import BINARY, UNKNOWN_ENCODING, decode_bytes

NEWS = "“We are not there yet,” said the envoy in Genève — the café’s owner agreed.\r\n"
FRENCH = "Le président a déclaré à la presse que l'économie française était en difficulté.\n"
GERMAN = "Die Bundesregierung hat am Montag beschlossen, die Größe der Förderung zu ändern.\n"
SHORT = "The “Café” is open again, said the owner."
RUSSIAN = "Путин смягчил свои требования, сообщили официальные лица в понедельник."
GREEK = "Ο πρόεδρος είπε ότι οι συνομιλίες έληξαν χωρίς συμφωνία."
JAPANESE = "プーチン大統領は要求を和らげたと当局者が月曜日に語った。"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"


def _random_bytes(seed: int, low: int, size: int = 2000) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.randrange(low, 256) for _ in range(size))


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(NEWS.encode("utf-8"), NEWS, "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + NEWS.encode(), NEWS, "utf-8-sig", id="utf-8-bom"),
        pytest.param(NEWS.encode("utf-16"), NEWS, "utf-16", id="utf-16-bom-native"),
        pytest.param(
            codecs.BOM_UTF16_BE + NEWS.encode("utf-16-be"), NEWS, "utf-16", id="utf-16-be-bom"
        ),
        pytest.param(NEWS.encode("utf-32"), NEWS, "utf-32", id="utf-32-bom"),
        pytest.param(NEWS.encode("cp1252"), NEWS, "cp1252", id="cp1252-curly-quotes"),
        pytest.param(FRENCH.encode("latin-1"), FRENCH, "cp1252", id="latin-1-french"),
        pytest.param(GERMAN.encode("latin-1"), GERMAN, "cp1252", id="latin-1-german"),
        pytest.param(SHORT.encode("cp1252"), SHORT, "cp1252", id="cp1252-short-sentence"),
        pytest.param(b"Plain ASCII text.\n", "Plain ASCII text.\n", "utf-8", id="ascii"),
        pytest.param(RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251", id="cp1251-not-western"),
        pytest.param(RUSSIAN.encode("koi8-r"), RUSSIAN, "koi8-r", id="koi8-r-not-western"),
        pytest.param(GREEK.encode("cp1253"), GREEK, "cp1253", id="cp1253-not-western"),
        pytest.param(JAPANESE.encode("shift_jis"), JAPANESE, "cp932", id="shift-jis-not-western"),
    ],
)
def test_text_is_decoded_exactly(data: bytes, text: str, encoding: str) -> None:
    article = read_upload(data, "story.txt", None)
    assert article.text == text  # CRLF and all: decoding is the only change
    assert article.encoding == encoding


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(PNG, BINARY, id="png"),
        pytest.param(PDF, BINARY, id="pdf-header"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", BINARY, id="zip"),
        pytest.param(_random_bytes(1, 0), BINARY, id="random-bytes"),
        pytest.param(bytes(range(1, 32)) * 10, BINARY, id="control-characters"),
        pytest.param(b"Hello\x00world", BINARY, id="nul-byte"),
        pytest.param(NEWS.encode("utf-16-le"), BINARY, id="utf-16-without-bom"),
        pytest.param(_random_bytes(2, 128), UNKNOWN_ENCODING, id="random-high-bytes"),
        pytest.param(codecs.BOM_UTF16_LE + b"abc", "is not UTF-16", id="odd-utf-16"),
        pytest.param(codecs.BOM_UTF8 + b"caf\xe9", "is not UTF-8", id="bad-utf-8-after-bom"),
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(codecs.BOM_UTF16_LE, "is empty", id="bom-only"),
        pytest.param(b" \r\n\t", "holds only whitespace", id="whitespace"),
    ],
)
def test_what_is_not_text_is_refused_by_name(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_upload(data, "report.txt", "text/plain")
    assert caught.value.name == "report.txt"
    assert problem in caught.value.problem
    assert str(caught.value).startswith("report.txt: ")


def test_a_few_stray_control_characters_are_kept() -> None:
    text = "A long paragraph of ordinary text. " * 10 + "\x1a"
    assert decode_bytes(text.encode(), "x.txt").text == text


@pytest.mark.parametrize(
    ("declared", "text"),
    [
        pytest.param("windows-1252", "“Kyiv” café", id="declared-cp1252"),
        pytest.param("iso-8859-1", "“Kyiv” café", id="latin-1-label-read-as-cp1252"),
        pytest.param("koi8-r", "Путин смягчил свои требования", id="declared-koi8-r"),
    ],
)
def test_a_declared_charset_is_used_when_the_bytes_are_not_utf_8(declared: str, text: str) -> None:
    data = text.encode("koi8-r" if declared == "koi8-r" else "cp1252")
    assert decode_bytes(data, "x", declared).text == text


def test_utf_8_wins_over_a_wrong_declaration() -> None:
    assert decode_bytes("café".encode(), "x", "windows-1252").text == "café"


def test_an_unknown_declaration_falls_back_on_detection() -> None:
    assert decode_bytes(NEWS.encode("cp1252"), "x", "x-no-such-charset").text == NEWS


def test_the_strict_reader_the_cli_uses_is_unchanged() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: is not UTF-8 text \(byte 0xe9 at offset 3\)$"):
        decode_text("café".encode("latin-1"), "x.txt")
    assert decode_text(codecs.BOM_UTF8 + b"Hello", "x.txt") == "Hello"
