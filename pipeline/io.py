"""Reading and writing the pipeline's Parquet tables and params.

Writes are atomic: rows go to a hidden temporary file next to the target,
which replaces the target only once it is complete and synced, so a crash
leaves the previous table (or none), never a partial one.  Rows must arrive in
the table's sort order; the writer checks it.  Output is byte-identical for
identical rows.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from pipeline.schema import TableSpec

Row = dict[str, Any]
T = TypeVar("T")

ROW_GROUP_ROWS = 100_000


class TableError(RuntimeError):
    """A table is missing, has the wrong schema or breaks its contract."""


def load_params(path: str | os.PathLike[str] = "params.yaml") -> dict[str, Any]:
    """Read params.yaml as a dict (empty when the file is empty)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _sort_key(row: Mapping[str, Any], keys: Sequence[str]) -> tuple[Any, ...]:
    return tuple(row[k] for k in keys)


class TableWriter:
    """Stream rows into a Parquet table atomically (temp file + rename).

    Use as a context manager; on an exception the temporary file is removed
    and the previous table, if any, is left untouched.
    """

    def __init__(self, path: str | os.PathLike[str], spec: TableSpec) -> None:
        self.path = Path(path)
        self.spec = spec
        self.schema = spec.schema
        self._tmp = self.path.with_name(f".{self.path.name}.tmp{os.getpid()}")
        self._buffer: list[Row] = []
        self._last_key: tuple[Any, ...] | None = None
        self._writer: pq.ParquetWriter | None = None
        self.n_rows = 0

    def __enter__(self) -> TableWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(
            self._tmp, self.schema, compression="zstd", write_statistics=True, store_schema=True
        )
        return self

    def write(self, rows: Iterable[Row]) -> None:
        """Append rows; they must continue the table's sort order."""
        keys = self.spec.sort_by
        for row in rows:
            key = _sort_key(row, keys)
            if self._last_key is not None and key <= self._last_key:
                raise TableError(
                    f"{self.spec.name}: rows out of order or duplicated: {key!r} after {self._last_key!r}"
                )
            self._last_key = key
            self._buffer.append(row)
            if len(self._buffer) >= ROW_GROUP_ROWS:
                self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        table = to_arrow(self._buffer, self.spec)
        assert self._writer is not None
        self._writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
        self.n_rows += table.num_rows
        self._buffer = []

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._flush()
            assert self._writer is not None
            self._writer.close()
            if exc_type is not None:
                return
            with open(self._tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(self._tmp, self.path)
            _fsync_dir(self.path.parent)
        finally:
            if self._tmp.exists():
                self._tmp.unlink()


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def to_arrow(rows: Sequence[Row], spec: TableSpec) -> pa.Table:
    """Build an Arrow table with the spec's exact schema; refuse nulls in required columns."""
    names = [c.name for c in spec.columns]
    for row in rows:
        if row.keys() != set(names):
            missing = sorted(set(names) - row.keys())
            extra = sorted(row.keys() - set(names))
            raise TableError(f"{spec.name}: row has missing {missing} / unexpected {extra} columns")
    table = pa.Table.from_pylist(list(rows), schema=spec.schema)
    for name in spec.required:
        if table.column(name).null_count:
            raise TableError(f"{spec.name}: column {name!r} must not be null")
    return table


def write_table(path: str | os.PathLike[str], spec: TableSpec, rows: Iterable[Row]) -> int:
    """Write all rows (already in sort order) atomically; return the row count."""
    with TableWriter(path, spec) as writer:
        writer.write(rows)
    return writer.n_rows


def open_table(path: str | os.PathLike[str], spec: TableSpec) -> pq.ParquetFile:
    """Open a table for reading after checking that its schema matches the spec."""
    path = Path(path)
    if not path.exists():
        raise TableError(f"{path}: table {spec.name!r} not found; run the stage '{spec.written_by}' first")
    pf = pq.ParquetFile(path)
    found = pf.schema_arrow
    if not found.equals(spec.schema, check_metadata=False):
        raise TableError(
            f"{path}: schema differs from pipeline/schema.py for {spec.name!r}; "
            f"rerun '{spec.written_by}' (dvc repro). Found {found}"
        )
    return pf


def read_table(path: str | os.PathLike[str], spec: TableSpec) -> pa.Table:
    """Read a whole (small) table after checking its schema."""
    return open_table(path, spec).read()


def iter_rows(
    path: str | os.PathLike[str], spec: TableSpec, *, columns: Sequence[str] | None = None, batch_size: int = 256
) -> Iterator[Row]:
    """Yield rows one at a time without loading the whole table."""
    pf = open_table(path, spec)
    for batch in pf.iter_batches(batch_size=batch_size, columns=list(columns) if columns else None):
        yield from batch.to_pylist()


def iter_groups(
    path: str | os.PathLike[str], spec: TableSpec, *, key: str = "doc_id", columns: Sequence[str] | None = None
) -> Iterator[tuple[Any, list[Row]]]:
    """Yield (key value, rows) for consecutive rows sharing ``key`` (tables are sorted by doc_id)."""
    current: Any = None
    group: list[Row] = []
    for row in iter_rows(path, spec, columns=columns):
        if group and row[key] != current:
            yield current, group
            group = []
        current = row[key]
        group.append(row)
    if group:
        yield current, group


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of up to ``size`` items (itertools.batched arrives only in Python 3.12)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def params_section(cls: type[T], section: Mapping[str, Any]) -> T:
    """A params dataclass from its params.yaml section; unknown keys are refused (typos fail loudly)."""
    unknown = sorted(set(section) - set(cls.__dataclass_fields__))  # type: ignore[attr-defined]
    if unknown:
        raise ValueError(f"params.yaml: unknown keys {unknown} for {cls.__name__}")
    return cls(**section)


def read_tsv(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header; lines starting with ``#`` are comments; no quoting."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
