"""Time each stage on a corpus (default: seeds/) and print wall time, docs/s and chars/s.

    python benchmarks/stage_times.py [--seeds DIR] [--repeat N]

Runs in one process, so model loading (spaCy, lingua) is counted in the first repeat only;
both the first and the best repeat are printed.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.cli import run_stages  # noqa: E402
from pipeline.io import load_params  # noqa: E402
from pipeline.stages import STAGES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    params = load_params(ROOT / "params.yaml")
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in Path(args.seeds).rglob("*") if p.is_file())
    times: dict[str, list[float]] = {name: [] for name in STAGES}
    counts = {}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.repeat):
            for name in STAGES:
                start = time.perf_counter()
                counts[name] = run_stages(args.seeds, out, params, [name])[name]
                times[name].append(time.perf_counter() - start)
    n_docs = counts["ingest"]["documents"]
    for name, ts in times.items():
        best = min(ts)
        print(json.dumps({
            "stage": name, "first_s": round(ts[0], 3), "best_s": round(best, 3),
            "docs_per_s": round(n_docs / best, 1), "chars_per_s": round(chars / best), **counts[name],
        }))
    print(json.dumps({"peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    main()
