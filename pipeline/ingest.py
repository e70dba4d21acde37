"""Stage `ingest`: read every input under seeds/ into clean article text.

Pure core: :func:`ingest_bytes` turns one file's bytes into a document row
(plus the lines it removed) or raises :class:`Rejected`.  :func:`run` walks the
input folder, accounts for every file (a document or a ``rejects`` row) and
writes ``ingested``, ``rejects`` and ``removed``.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import boilerplate, metadata
from pipeline.encoding import DecodeError, decode_bytes
from pipeline.htmltext import declared_charset, extract_html
from pipeline.io import Row, TableWriter
from pipeline.mdtext import markdown_to_text
from pipeline.schema import INGESTED, REJECTS, REMOVED
from pipeline.stages import STAGES

INPUTS = STAGES["ingest"].inputs
OUTPUTS = STAGES["ingest"].outputs

FORMATS = {
    ".txt": "text", ".text": "text", "": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")


class Rejected(Exception):
    """An input that cannot be processed: ``reason`` is a code, ``detail`` a message."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class IngestParams:
    """Section ``ingest`` of params.yaml."""

    max_bytes: int = 50_000_000
    drop_duplicates: bool = True
    clean: boilerplate.CleanParams = field(default_factory=boilerplate.CleanParams)

    @classmethod
    def from_params(cls, section: Mapping[str, Any]) -> IngestParams:
        clean = boilerplate.CleanParams(**section.get("boilerplate", {}))
        return cls(
            max_bytes=int(section.get("max_bytes", cls.max_bytes)),
            drop_duplicates=bool(section.get("drop_duplicates", cls.drop_duplicates)),
            clean=clean,
        )


@dataclass(frozen=True)
class Ingested:
    """One document's row for ``ingested`` and the lines removed from it."""

    row: Row
    removed: list[boilerplate.Removal]


def normalise(text: str) -> tuple[str, list[str]]:
    """Unify line breaks, drop control and zero-width characters, NFC; return (text, notes)."""
    notes = []
    n_nul = text.count("\x00")
    text = _LINE_BREAKS.sub("\n", text)
    n_control = len(_CONTROL.findall(text))
    if n_control:
        text = _CONTROL.sub("", text)
        what = f"{n_nul} NUL" if n_nul == n_control else f"{n_control} control/zero-width"
        notes.append(f"removed {what} characters")
    text = unicodedata.normalize("NFC", text.replace("\t", " ").replace("\xa0", " "))
    return text, notes


def _decode(data: bytes, fmt: str) -> tuple[str, str, list[str]]:
    declared = declared_charset(data) if fmt == "html" else None
    try:
        decoded = decode_bytes(data, declared=declared)
    except DecodeError as err:
        raise Rejected(err.reason, err.detail) from None
    return decoded.text, decoded.encoding, [decoded.note] if decoded.note else []


def ingest_bytes(data: bytes, *, doc_id: str, path: str, fmt: str, params: IngestParams) -> Ingested:
    """Turn one input's bytes into an ``ingested`` row, or raise :class:`Rejected`."""
    text, encoding, notes = _decode(data, fmt)
    if not _CONTROL.sub("", text).strip():
        raise Rejected("whitespace_only", f"decoded as {encoding} but contains only whitespace or control characters")
    html_meta = metadata.Metadata()
    if fmt == "html":
        article = extract_html(text)
        text = article.text
        html_meta = metadata.Metadata(
            title=article.title,
            published=metadata.parse_date(article.published) if article.published else None,
            published_text=article.published,
            byline=article.author,
            source=article.source,
        )
    elif fmt == "markdown":
        text, md_title = markdown_to_text(text)
        html_meta = metadata.Metadata(title=md_title)
    text, more_notes = normalise(text)
    notes += more_notes
    lines = [line.strip() for line in text.split("\n")]
    removals = boilerplate.find_boilerplate(lines, params.clean)
    removed_at = {r.line_no for r in removals}
    kept = [line for i, line in enumerate(lines) if line and i not in removed_at]
    if not kept:
        kinds = sorted({r.kind for r in removals})
        raise Rejected("no_article_text", f"every line is page furniture ({', '.join(kinds) or 'empty'})")
    meta = metadata.extract_metadata(kept, [r.text for r in removals])
    article_text = "\n".join(kept)
    row: Row = {
        "doc_id": doc_id,
        "path": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size_bytes": len(data),
        "format": fmt,
        "encoding": encoding,
        "title": html_meta.title or meta.title,
        "published": html_meta.published or meta.published,
        "published_text": html_meta.published_text if html_meta.published else meta.published_text,
        "byline": html_meta.byline or meta.byline,
        "source": html_meta.source or meta.source,
        "notes": "; ".join(notes) or None,
        "n_removed_lines": len(removals),
        "text": article_text,
        "n_chars": len(article_text),
    }
    return Ingested(row, removals)


@dataclass(frozen=True)
class InputFile:
    """A file found under the input folder."""

    path: Path
    rel: str
    doc_id: str = ""


def _printable(rel: str) -> str:
    """A path that can be stored as UTF-8 even when the file name is not valid UTF-8."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def discover(root: Path) -> tuple[list[InputFile], list[Row]]:
    """Every entry under ``root``: candidate inputs, and reject rows for what cannot be an input."""
    files: list[InputFile] = []
    rejects: list[Row] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            full = base / name
            rel = _printable(full.relative_to(root).as_posix())
            st = full.lstat()
            if stat.S_ISLNK(st.st_mode):
                rejects.append(_reject(rel, "symlink", "symbolic links are not followed (their target may lie "
                                       "outside the input folder, or loop)"))
            elif stat.S_ISDIR(st.st_mode):
                continue
            elif not stat.S_ISREG(st.st_mode):
                rejects.append(_reject(rel, "unsupported_type", "not a regular file (device, FIFO or socket)"))
            elif full.suffix.lower() not in FORMATS:
                rejects.append(_reject(rel, "unsupported_type", f"unsupported file type {full.suffix!r}; "
                                       f"accepted: {', '.join(sorted(s or '(none)' for s in FORMATS))}",
                                       size=st.st_size))
            else:
                files.append(InputFile(full, rel))
    return assign_doc_ids(files), rejects


def assign_doc_ids(files: list[InputFile]) -> list[InputFile]:
    """doc_id = relative path without extension; the full path where that would collide. Sorted by id."""
    stems: dict[str, int] = {}
    for f in files:
        stem = f.rel[: -len(Path(f.rel).suffix)] if Path(f.rel).suffix else f.rel
        stems[stem] = stems.get(stem, 0) + 1
    out = []
    for f in files:
        stem = f.rel[: -len(Path(f.rel).suffix)] if Path(f.rel).suffix else f.rel
        out.append(InputFile(f.path, f.rel, stem if stems[stem] == 1 else f.rel))
    return sorted(out, key=lambda f: f.doc_id)


def _reject(rel: str, reason: str, detail: str, *, size: int | None = None, data: bytes | None = None) -> Row:
    return {
        "path": rel,
        "reason": reason,
        "detail": detail,
        "size_bytes": size,
        "sha256": hashlib.sha256(data).hexdigest() if data is not None else None,
    }


def read_input(f: InputFile, params: IngestParams) -> bytes:
    """The file's bytes, refusing files over the size limit before reading them."""
    try:
        size = f.path.stat().st_size
        if size > params.max_bytes:
            raise Rejected("too_large", f"{size} bytes is over the limit of {params.max_bytes} "
                           "(params.yaml: ingest.max_bytes)")
        if size == 0:
            raise Rejected("empty", "the file has 0 bytes")
        with open(f.path, "rb") as fh:
            return fh.read(params.max_bytes + 1)
    except OSError as err:
        raise Rejected("unreadable", f"{type(err).__name__}: {err.strerror or err}") from None


def process(files: list[InputFile], params: IngestParams) -> Iterator[tuple[Ingested | None, Row | None]]:
    """Ingest files in doc_id order, yielding (document, None) or (None, reject row)."""
    seen: dict[str, str] = {}
    for f in files:
        data = None
        try:
            data = read_input(f, params)
            digest = hashlib.sha256(data).hexdigest()
            if params.drop_duplicates and digest in seen:
                raise Rejected("duplicate", f"same bytes as document {seen[digest]!r}")
            result = ingest_bytes(data, doc_id=f.doc_id, path=f.rel, fmt=FORMATS[f.path.suffix.lower()],
                                  params=params)
            seen[digest] = f.doc_id
            yield result, None
        except Rejected as rej:
            size = len(data) if data is not None else None
            yield None, _reject(f.rel, rej.reason, rej.detail, size=size, data=data)


def run(inputs: Mapping[str, str | Path], outputs: Mapping[str, str | Path], params: Mapping[str, Any]) -> dict[str, int]:
    """Ingest the input folder and write ``ingested``, ``rejects`` and ``removed``."""
    p = IngestParams.from_params(params.get("ingest", {}))
    root = Path(inputs["seeds"])
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist")
    files, rejects = discover(root)
    kinds: dict[str, int] = {}
    with TableWriter(outputs["ingested"], INGESTED) as docs, TableWriter(outputs["removed"], REMOVED) as removed:
        for result, reject in process(files, p):
            if reject is not None:
                rejects.append(reject)
                continue
            assert result is not None
            docs.write([result.row])
            for r in result.removed:
                kinds[r.kind] = kinds.get(r.kind, 0) + 1
            removed.write(
                {"doc_id": result.row["doc_id"], "line_no": r.line_no, "kind": r.kind, "text": r.text}
                for r in result.removed
            )
    with TableWriter(outputs["rejects"], REJECTS) as rej:
        rej.write(sorted(rejects, key=lambda r: r["path"]))
    reasons: dict[str, int] = {}
    for r in rejects:
        reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    return {"documents": docs.n_rows, "rejects": len(rejects), "rejects_by_reason": reasons,
            "removed_lines": removed.n_rows, "removed_by_kind": kinds}
