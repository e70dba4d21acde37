"""Throughput of the entity extractors per language, in characters per second.

    python benchmarks/ner_throughput.py [--repeat N]

Uses the seeds' own Chinese sentences and English runs (from a fresh run of the
earlier stages), repeated N times, after one warm-up pass that loads the models.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import ner_en, ner_zh  # noqa: E402
from pipeline.chinese import to_simplified  # noqa: E402
from pipeline.cli import run_stages  # noqa: E402
from pipeline.io import load_params, read_table  # noqa: E402
from pipeline.schema import SEGMENTS, SENTENCES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    params = load_params(ROOT / "params.yaml")
    with tempfile.TemporaryDirectory() as out:
        run_stages(ROOT / "seeds", out, params, ["ingest", "detect", "segment"])
        zh = [s["text"] for s in read_table(Path(out) / "sentences.parquet", SENTENCES).to_pylist() if s["lang"] == "zh"]
        en = [s["text"] for s in read_table(Path(out) / "segments.parquet", SEGMENTS).to_pylist() if s["lang"] == "en"]
    model = params["entities"]["spacy_model"]
    ner_zh.extract(to_simplified(zh[0]))
    ner_en.extract_many(en[:1], model)
    start = time.perf_counter()
    for _ in range(args.repeat):
        for text in zh:
            ner_zh.extract(to_simplified(text))
    zh_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(args.repeat):
        ner_en.extract_many(en, model)
    en_s = time.perf_counter() - start
    n_zh, n_en = sum(map(len, zh)) * args.repeat, sum(map(len, en)) * args.repeat
    print(json.dumps({"lang": "zh", "chars": n_zh, "seconds": round(zh_s, 2), "chars_per_s": round(n_zh / zh_s)}))
    print(json.dumps({"lang": "en", "chars": n_en, "seconds": round(en_s, 2), "chars_per_s": round(n_en / en_s)}))


if __name__ == "__main__":
    main()
