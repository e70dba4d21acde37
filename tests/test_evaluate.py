"""The evaluation command: public NER formats (BIO/BMES characters, CoNLL-2003) and scoring."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT
from pipeline.evaluate import read_bio, read_conll, score

BIO = """王 B-PER
晓 I-PER
晖 I-PER
在 O
成 B-LOC
都 I-LOC
出 O
席 O
四 B-ORG
川 I-ORG
省 I-ORG
委 I-ORG
会 O
议 O
。 O

李 B-PER
鸿 I-PER
桀 I-PER
说 O
"""

BMES = """王 B-PER
晓 M-PER
晖 E-PER
到 O
京 S-LOC
"""

CONLL = """-DOCSTART- -X- -X- O

Wang NNP B-NP B-PER
Xiaohui NNP I-NP I-PER
visited VBD B-VP O
Chengdu NNP B-NP I-LOC
and CC O O
met VBD B-VP O
the DT B-NP O
CPC NNP I-NP I-ORG
Sichuan NNP I-NP I-ORG
Provincial NNP I-NP I-ORG
Committee NNP I-NP I-ORG
. . O O
"""


def test_bio_and_bmes_files_give_character_spans(tmp_path):
    (tmp_path / "a.bio").write_text(BIO, encoding="utf-8")
    (tmp_path / "b.bmes").write_text(BMES, encoding="utf-8")
    sents = read_bio(tmp_path / "a.bio")
    assert sents[0] == ("王晓晖在成都出席四川省委会议。", [(0, 3, "PER"), (4, 6, "LOC"), (8, 12, "ORG")])
    assert sents[1] == ("李鸿桀说", [(0, 3, "PER")])
    assert read_bio(tmp_path / "b.bmes") == [("王晓晖到京", [(0, 3, "PER"), (4, 5, "LOC")])]


def test_conll_iob1_becomes_character_spans(tmp_path):
    (tmp_path / "a.conll").write_text(CONLL, encoding="utf-8")
    [(text, spans)] = read_conll(tmp_path / "a.conll")
    assert text.startswith("Wang Xiaohui visited Chengdu and met the CPC Sichuan Provincial Committee")
    assert [(text[s:e], lab) for s, e, lab in spans] == [
        ("Wang Xiaohui", "PER"), ("Chengdu", "LOC"), ("CPC Sichuan Provincial Committee", "ORG")]


def test_score_counts_exact_matches_only():
    result = score({(0, 3, "PER"), (4, 6, "LOC")}, {(0, 3, "PER"), (4, 7, "LOC")}, ["PER", "LOC"])
    assert result["PER"]["f1"] == 1.0 and result["LOC"]["f1"] == 0.0
    assert result["overall"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2, "predicted": 2}


def test_evaluate_command_prints_json_per_label(tmp_path):
    (tmp_path / "a.bio").write_text(BIO, encoding="utf-8")
    (tmp_path / "a.conll").write_text(CONLL, encoding="utf-8")
    for path, fmt in ((tmp_path / "a.bio", "bio"), (tmp_path / "a.conll", "conll")):
        out = subprocess.run([sys.executable, "-m", "pipeline", "evaluate", "ner", "--gold", str(path),
                              "--format", fmt], cwd=ROOT, capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
        assert set(result) == {"PERSON", "LOC", "ORG", "overall", "sentences"}
        assert result["PERSON"]["recall"] == 1.0, (fmt, result)
        assert result["overall"]["f1"] >= 0.8, (fmt, result)
