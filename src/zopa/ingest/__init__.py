"""Ingestion (pipeline stage 1): read article files, normalise, de-duplicate, store.

Formats: ``.txt`` and ``.md`` (optional YAML front matter: title, url, outlet,
published), ``.html``/``.htm`` (main text and metadata by trafilatura) and
``.jsonl`` (one article per line). Add a format by registering a reader in
:data:`zopa.registry.data_loaders` under its suffix.
"""

from zopa.ingest._dates import date_from_dateline, date_from_url, parse_date
from zopa.ingest._language import detect_language
from zopa.ingest._normalise import content_hash, normalise_text, word_count
from zopa.ingest._outcomes import IngestOutcome, IngestReport
from zopa.ingest._pipeline import BATCH_SIZE, collect_files, ingest_data, ingest_paths
from zopa.ingest._prepare import prepare
from zopa.ingest._preparers import Preparers, default_workers
from zopa.ingest._readers import (
    RawArticle,
    decode_bytes,
    read_data,
    read_file,
    supported_suffixes,
)

__all__ = [
    "BATCH_SIZE",
    "IngestOutcome",
    "IngestReport",
    "Preparers",
    "RawArticle",
    "collect_files",
    "content_hash",
    "date_from_dateline",
    "date_from_url",
    "decode_bytes",
    "default_workers",
    "detect_language",
    "ingest_data",
    "ingest_paths",
    "normalise_text",
    "parse_date",
    "prepare",
    "read_data",
    "read_file",
    "supported_suffixes",
    "word_count",
]
