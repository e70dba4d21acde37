"""dvc.yaml matches the stages' code, and `dvc repro` works end to end in a temporary copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from conftest import ROOT
from pipeline.io import read_table
from pipeline.schema import TABLES
from pipeline.stages import STAGES

DVC_YAML = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))
PARAMS = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))


def test_evaluation_stage_writes_the_seed_gold_metrics():
    stage = DVC_YAML["stages"]["evaluate_ner"]
    assert "tests/gold/entities" in stage["deps"] and "outputs/entities.parquet" in stage["deps"]
    assert stage["metrics"] == [{"outputs/metrics/ner_seed_gold.json": {"cache": False}}]


@pytest.mark.parametrize("name", list(STAGES))
def test_stage_declares_its_module_params_and_tables(name):
    stage = DVC_YAML["stages"][name]
    io = STAGES[name]
    assert stage["cmd"] == f"python -m pipeline {name}"
    assert f"pipeline/{name}.py" in stage["deps"]
    assert {"pipeline/io.py", "pipeline/schema.py", "pipeline/stages.py", "pipeline/cli.py"} <= set(stage["deps"])
    assert set(io.inputs.values()) <= set(stage["deps"])
    assert sorted(stage["outs"]) == sorted(io.outputs.values())
    assert stage["metrics"] == [{io.metrics: {"cache": False}}]
    assert stage["params"] == [name] and name in PARAMS


@pytest.mark.parametrize("name", list(STAGES))
def test_every_project_module_a_stage_imports_is_a_dep(name):
    """A change to any pipeline module a stage uses must re-run the stage."""
    code = (
        "import sys, importlib; importlib.import_module('pipeline.cli'); importlib.import_module('pipeline.%s'); "
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('pipeline.'))))" % name
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    used = {f"pipeline/{m.split('.', 1)[1]}.py" for m in out.stdout.split()}
    assert used <= set(DVC_YAML["stages"][name]["deps"]), used - set(DVC_YAML["stages"][name]["deps"])


def test_dvc_config_turns_off_analytics_and_update_checks():
    config = (ROOT / ".dvc" / "config").read_text()
    assert "analytics = false" in config and "check_update = false" in config


def _copy_repo(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)


@pytest.mark.slow
def test_dvc_repro_in_a_temporary_copy(tmp_path):
    repo = tmp_path / "repo"
    _copy_repo(repo)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "DVC_NO_ANALYTICS": "1"}
    dvc = [sys.executable, "-m", "dvc"]
    first = subprocess.run(dvc + ["repro"], cwd=repo, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr[-3000:]
    for name, spec in TABLES.items():
        table = read_table(repo / "outputs" / spec.filename, spec)
        if name not in ("rejects",):
            assert table.num_rows > 0, name
    docs = pq.read_table(repo / "outputs" / "documents.parquet").column("doc_id").to_pylist()
    assert len(docs) == 5
    metrics = json.loads((repo / "outputs" / "metrics" / "segment.json").read_text())
    assert metrics["sentences"] > 0 and set(metrics["sentences_by_lang"]) >= {"en", "zh"}
    lock = yaml.safe_load((repo / "dvc.lock").read_text())
    assert set(lock["stages"]) == set(STAGES) | {"evaluate_ner", "evaluate_dates"}
    second = subprocess.run(dvc + ["repro"], cwd=repo, env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "didn't change, skipping" in second.stdout and "Running stage" not in second.stdout, second.stdout
