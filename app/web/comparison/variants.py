"""A stored comparison as a page or JSON twin shows it: with its own ignore
options, or with those of `?ignore=`.

Another set of ignore options is another comparison of the same texts. It is
taken from the store when a result of that pair with those options is stored
(its id is the content address of the texts, options and engine version),
else computed by the engine (in its worker processes, once however many ask
at the same time) and kept in an in-memory LRU bounded in entries and bytes
(VARIANT_CACHE_ENTRIES, the page_cache_bytes setting); it is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core import ENGINE_VERSION, CompareOptions, Granularity
from app.core.serialize import JsonObject
from app.identifiers import content_address
from app.service import ComparisonService
from app.store import JsonText, StoredComparison
from app.web.serving.cache import LruCache
from app.web.urls import Ignore, ignores_of

# A variant of the seed pair is ~0.5 MB in memory; one of two texts at the
# size limit, a few hundred MB: bounded in bytes too (`variant_bytes`).
VARIANT_CACHE_ENTRIES = 64
# A variant's JSON holds both texts, split into segments and pieces, each a
# dict: in memory about this many bytes per character of the two texts (the
# seed pair: 16 KB of text, 0.5 MB).
VARIANT_BYTES_PER_CHAR = 32


@dataclass(frozen=True, slots=True)
class Variant:
    """The record's texts compared with other options: the engine's JSON (schema 1),
    and the engine version that computed it."""

    comparison_json: JsonText
    engine_version: str

    @property
    def comparison(self) -> JsonObject:
        return self.comparison_json.value


@dataclass(frozen=True, slots=True)
class Shown:
    """What the page shows: the record's comparison, or its variant.

    Its JSON is decoded when first read: a large comparison's is read only
    by the engine process that renders it (`large_pages`), to which a Shown
    crosses as texts."""

    record: StoredComparison
    comparison_json: JsonText  # the engine's JSON, schema 1
    engine_version: str
    ignore: frozenset[Ignore]  # the ignore options shown
    stored_ignore: frozenset[Ignore]  # those the record was stored with

    @property
    def comparison(self) -> JsonObject:
        return self.comparison_json.value


def shown(
    service: ComparisonService,
    cache: LruCache[Variant],
    record: StoredComparison,
    ignore: frozenset[Ignore] | None,
) -> Shown:
    """The record with the ignore options `ignore` (None: its own)."""
    options = stored_options(record)
    stored_ignore = ignores_of(options)
    if ignore is None or ignore == stored_ignore:
        return stored_shown(record)
    variant = _variant(service, cache, record, _with_ignore(options, ignore))
    return Shown(record, variant.comparison_json, variant.engine_version, ignore, stored_ignore)


def stored_shown(record: StoredComparison) -> Shown:
    """The record with its own ignore options."""
    stored_ignore = ignores_of(stored_options(record))
    return Shown(
        record, record.comparison_json, record.engine_version, stored_ignore, stored_ignore
    )


def _with_ignore(options: CompareOptions, ignore: frozenset[Ignore]) -> CompareOptions:
    return replace(
        options,
        ignore_typography=Ignore.TYPOGRAPHY in ignore,
        ignore_case=Ignore.CASE in ignore,
        ignore_punctuation=Ignore.PUNCTUATION in ignore,
    )


def stored_options(record: StoredComparison) -> CompareOptions:
    """The options a stored comparison was computed with (engine 1.0 had no ignore
    options): the record's own copy of them, read without decoding its JSON."""
    options = record.options
    return CompareOptions(
        granularity=Granularity(options.get("granularity", Granularity.WORD.value)),
        language=options.get("language", "en"),
        language_detected=options.get("language_detected", False),
        ignore_typography=options.get("ignore_typography", False),
        ignore_case=options.get("ignore_case", False),
        ignore_punctuation=options.get("ignore_punctuation", False),
    )


def _variant(
    service: ComparisonService,
    cache: LruCache[Variant],
    record: StoredComparison,
    options: CompareOptions,
) -> Variant:
    variant_id = content_address(record.left_text, record.right_text, options, ENGINE_VERSION)
    variant = cache.get(variant_id)
    if variant is None:
        variant = variant_of(service, record, variant_id, options)
        cache.put(variant_id, variant, variant_bytes(record))
    return variant


def variant_bytes(record: StoredComparison) -> int:
    """About how much memory a variant of `record` takes."""
    return VARIANT_BYTES_PER_CHAR * (len(record.left_text) + len(record.right_text))


def variant_of(
    service: ComparisonService, record: StoredComparison, variant_id: str, options: CompareOptions
) -> Variant:
    """The record's texts compared with `options` (whose content address is
    `variant_id`): the stored result of that pair and those options if there
    is one, else computed now by the service's engine (and not stored)."""
    stored = service.store.get_result(variant_id) or service.engine(
        variant_id, record.left_text, record.right_text, options
    )
    return Variant(stored.comparison_json, stored.engine_version)
