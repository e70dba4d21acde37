"""dates stage: seed gold, anchors, no false dates, the evaluation command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from conftest import GOLD, ROOT

from pipeline.dates import Anchor, Found, infer_anchor
from pipeline.evaluate import seed_date_scores
from pipeline.io import read_tsv
from pipeline.timex import Timex


@pytest.fixture(scope="module")
def dates(tables) -> list[dict]:
    return tables["dates"].to_pylist()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seed_gold_spans_and_values(dates, lang):
    result = seed_date_scores(dates, read_tsv(GOLD / "dates.tsv"))[lang]
    assert result["f1"] >= 0.95, result
    assert result["value_accuracy"] >= 0.95, result
    assert result["value_correct_of_gold"] >= 0.95, result


def test_no_false_dates(dates):
    texts = " | ".join(d["text"] for d in dates)
    for false in ("18th", "20th", "5100000062", "13001288", "4000", "1.889", "five-year", "We", "第一时间", "新时代"):
        assert false not in texts, false
    assert not any(d["text"].lower() == "may" for d in dates)


def test_seed_004_anchor_comes_from_its_own_dates(dates):
    rows = [d for d in dates if d["doc_id"] == "004_f5268baeac44eb9c"]
    assert {(d["anchor"], d["anchor_source"]) for d in rows} == {(dt.date(2024, 12, 26), "partial_date+planned_year")}
    assert ("今年4月8日", "2024-04-08") in {(d["text"], d["value"]) for d in rows}


def test_published_date_is_the_anchor(dates):
    rows = [d for d in dates if d["doc_id"] == "001_09eb4fb2dce49785"]
    assert {d["anchor_source"] for d in rows} == {"published"}
    assert ("December 26", "2024-12-26") in {(d["text"], d["value"]) for d in rows}


def _found(value: str, relative: bool, start: int = 0) -> Found:
    return Found(Timex(start, start + 5, "DATE", value, "day", relative), start, start + 5, "en")


def test_anchor_inference_order():
    text = "x" * 100
    assert infer_anchor(text, dt.date(2025, 1, 6), []).source == "published"
    got = infer_anchor(text, None, [_found("2024-03-01", False), _found("2024-11-05", False)])
    assert got == Anchor(dt.date(2024, 11, 5), "latest_full_date")
    got = infer_anchor(text, None, [_found("XXXX-12-26", True)], corpus=dt.date(2025, 1, 6))
    assert got == Anchor(dt.date(2024, 12, 26), "partial_date+corpus")
    assert infer_anchor(text, None, []) == Anchor(None, "none")


def test_evaluate_dates_command(tmp_path):
    gold = tmp_path / "dates.tsv"
    gold.write_text("text\tanchor\texpected\n"
                    "The meeting was held on December 26th, 2024.\t2025-01-06\t2024-12-26\n"
                    "Last month the committee met.\t2025-01-06\t2024-12\n"
                    "自今年4月8日组建以来\t2024-12-26\t2024-04-08\n"
                    "他顾不上午休。\t2024-12-26\tNONE\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pipeline", "evaluate", "dates", "--gold", str(gold)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert (result["en"]["n"], result["en"]["found"], result["en"]["exact"]) == (2, 2, 2)
    assert (result["zh"]["n"], result["zh"]["found"], result["zh"]["exact"]) == (2, 1, 1)
