"""Shared fixtures: the pipeline run once on the seeds into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from pipeline.cli import run_stages
from pipeline.io import load_params, read_table
from pipeline.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def params() -> dict:
    return load_params(ROOT / "params.yaml")


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory, params: dict) -> Path:
    """Folder holding every table of a full run over seeds/."""
    out = tmp_path_factory.mktemp("seed_outputs")
    run_stages(SEEDS, out, params)
    return out


@pytest.fixture(scope="session")
def tables(seed_outputs: Path) -> dict[str, pa.Table]:
    """Every table of the seed run, read with its schema checked."""
    return {name: read_table(seed_outputs / spec.filename, spec) for name, spec in TABLES.items()}


def run_on_files(tmp_path: Path, files: dict[str, bytes], params: dict, stages=("ingest", "detect")) -> dict:
    """Write ``files`` into a fresh seeds folder, run ``stages`` and return the tables as row lists."""
    seeds = tmp_path / "seeds"
    for name, data in files.items():
        target = seeds / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    seeds.mkdir(exist_ok=True)
    out = tmp_path / "outputs"
    run_stages(seeds, out, params, stages)
    return {
        name: read_table(out / spec.filename, spec).to_pylist()
        for name, spec in TABLES.items()
        if (out / spec.filename).exists()
    }
