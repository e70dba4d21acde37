"""Parquet contract: atomic writes, sort order, required columns, schema checks, stale docs."""

from __future__ import annotations

import hashlib

import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from pipeline.io import TableError, TableWriter, read_table, write_table
from pipeline.schema import REJECTS, SEGMENTS, TABLES
from pipeline.schemadoc import render


def reject(path: str) -> dict:
    return {"path": path, "reason": "empty", "detail": "0 bytes", "size_bytes": 0, "sha256": None}


def test_a_failed_write_leaves_the_previous_table(tmp_path):
    target = tmp_path / "rejects.parquet"
    write_table(target, REJECTS, [reject("a.txt")])
    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        with TableWriter(target, REJECTS) as w:
            w.write([reject("b.txt")])
            raise RuntimeError("crash in the middle")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rejects.parquet"]


def test_rows_out_of_order_or_duplicated_are_refused(tmp_path):
    with pytest.raises(TableError, match="out of order"):
        write_table(tmp_path / "r.parquet", REJECTS, [reject("b.txt"), reject("a.txt")])
    with pytest.raises(TableError, match="out of order"):
        write_table(tmp_path / "r.parquet", REJECTS, [reject("a.txt"), reject("a.txt")])
    assert not (tmp_path / "r.parquet").exists()


def test_required_columns_refuse_nulls_and_unknown_columns(tmp_path):
    with pytest.raises(TableError, match="must not be null"):
        write_table(tmp_path / "r.parquet", REJECTS, [{**reject("a.txt"), "reason": None}])
    with pytest.raises(TableError, match="unexpected"):
        write_table(tmp_path / "r.parquet", REJECTS, [{**reject("a.txt"), "extra": 1}])


def test_reading_a_table_with_another_schema_fails_clearly(tmp_path):
    write_table(tmp_path / "x.parquet", REJECTS, [reject("a.txt")])
    with pytest.raises(TableError, match="schema differs"):
        read_table(tmp_path / "x.parquet", SEGMENTS)
    with pytest.raises(TableError, match="not found"):
        read_table(tmp_path / "missing.parquet", SEGMENTS)


def test_identical_rows_give_identical_bytes(tmp_path):
    rows = [reject(f"{i:03}.txt") for i in range(50)]
    write_table(tmp_path / "a.parquet", REJECTS, rows)
    write_table(tmp_path / "b.parquet", REJECTS, rows)
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_written_tables_carry_the_schema_and_column_meanings(seed_outputs):
    for name, spec in TABLES.items():
        schema = pq.read_schema(seed_outputs / spec.filename)
        assert schema.equals(spec.schema, check_metadata=False), name
        assert all(schema.field(c.name).metadata[b"description"] for c in spec.columns)


def test_schema_docs_are_current():
    assert (ROOT / "docs" / "SCHEMA.md").read_text(encoding="utf-8") == render(), (
        "docs/SCHEMA.md is stale: run `python -m pipeline schema-docs`")


def test_two_runs_are_byte_identical(seed_outputs, tmp_path, params):
    from conftest import SEEDS
    from pipeline.cli import run_stages

    run_stages(SEEDS, tmp_path, params)
    for spec in TABLES.values():
        first = hashlib.sha256((seed_outputs / spec.filename).read_bytes()).hexdigest()
        second = hashlib.sha256((tmp_path / spec.filename).read_bytes()).hexdigest()
        assert first == second, spec.name


def test_params_sections_refuse_unknown_keys():
    from pipeline.io import params_section
    from pipeline.segment import SegmentParams

    assert params_section(SegmentParams, {"batch_docs": 4}).batch_docs == 4
    with pytest.raises(ValueError, match="unknown keys"):
        params_section(SegmentParams, {"spacy_modle": "x"})
