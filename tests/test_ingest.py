"""ingest: boilerplate removal against the hand-checked gold, metadata, encodings, rejects."""

from __future__ import annotations

import datetime as dt

import opencc
import pytest
import yaml
from conftest import GOLD, SEEDS, run_on_files

from pipeline.io import read_tsv


def _gold_removals() -> dict[str, dict[int, tuple[str, str]]]:
    gold: dict[str, dict[int, tuple[str, str]]] = {}
    for r in read_tsv(GOLD / "boilerplate.tsv"):
        gold.setdefault(r["doc_id"], {})[int(r["line_no"])] = (r["kind"], r["text"])
    return gold


GOLD_REMOVALS = _gold_removals()
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_removed_lines_match_gold(tables, doc_id):
    found = {r["line_no"]: (r["kind"], r["text"]) for r in tables["removed"].to_pylist() if r["doc_id"] == doc_id}
    assert found == GOLD_REMOVALS.get(doc_id, {})


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_no_article_line_lost_and_no_furniture_left(tables, doc_id):
    text = next(r["text"] for r in tables["documents"].to_pylist() if r["doc_id"] == doc_id)
    kept_lines = set(text.split("\n"))
    raw_lines = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")
    removed = GOLD_REMOVALS.get(doc_id, {})
    for i, line in enumerate(raw_lines):
        line = line.replace("\xa0", " ").strip()
        if not line:
            continue
        if i in removed:
            assert line not in kept_lines, f"furniture left in {doc_id}: {line!r}"
        else:
            assert line in kept_lines, f"article line lost from {doc_id}: {line[:80]!r}"


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_metadata_and_languages_match_gold(tables, doc_id):
    gold = yaml.safe_load((GOLD / "documents.yaml").read_text(encoding="utf-8"))[doc_id]
    doc = next(r for r in tables["documents"].to_pylist() if r["doc_id"] == doc_id)
    for key in ("title", "published", "byline", "source", "lang", "script", "zh_script"):
        assert doc[key] == gold[key], key
    if "published_text" in gold:
        assert doc["published_text"] == gold["published_text"]
    assert [s["lang"] for s in doc["lang_shares"]] == gold["languages"]
    assert abs(sum(s["share"] for s in doc["lang_shares"]) - 1) < 1e-3


def test_rejects_empty_for_seeds(tables):
    assert tables["rejects"].num_rows == 0


SIMPLIFIED = (SEEDS / "004_f5268baeac44eb9c.txt").read_text(encoding="utf-8")
TRADITIONAL = opencc.OpenCC("s2tw").convert(SIMPLIFIED)


def test_gb18030_and_big5_files_ingest_with_their_encoding(tmp_path, params):
    big5_text = "".join(ch for ch in TRADITIONAL if _encodable(ch, "cp950"))
    out = run_on_files(tmp_path, {
        "gb.txt": SIMPLIFIED.encode("gb18030"),
        "big5.txt": big5_text.encode("cp950"),
    }, params)
    docs = {d["doc_id"]: d for d in out["documents"]}
    assert docs["gb"]["encoding"] == "gb18030"
    assert docs["big5"]["encoding"] == "big5"
    assert docs["gb"]["text"] == SIMPLIFIED.strip()
    assert docs["big5"]["text"] == big5_text.strip()
    assert docs["big5"]["text"].startswith("四川在線記者 樊邦平\n為推動全省上下形成共抓社會工作的濃厚氛圍")
    assert (docs["gb"]["zh_script"], docs["big5"]["zh_script"]) == ("Hans", "Hant")
    assert docs["big5"]["lang"] == "zh" and docs["big5"]["script"] == "Hant"
    assert docs["big5"]["byline"] == "樊邦平"
    assert out["rejects"] == []


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_bad_inputs_become_rejects_with_reasons(tmp_path, params):
    menu = "\n".join(["Home", "News", "World", "Sport", "Contact us", "Copyright 2024 Example Media"])
    out = run_on_files(tmp_path, {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n\xe3\x80\x80\n",
        "nuls.txt": b"     \n\x00\n       \n       \n",
        "image.txt": bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 8,
        "report.pdf": b"%PDF-1.7\n",
        "menu.txt": menu.encode(),
        "a.txt": b"Same content twice. It is a sentence.\n",
        "b.txt": b"Same content twice. It is a sentence.\n",
    }, params)
    reasons = {r["path"]: r["reason"] for r in out["rejects"]}
    assert reasons == {
        "empty.txt": "empty",
        "blank.txt": "whitespace_only",
        "nuls.txt": "whitespace_only",
        "image.txt": "binary",
        "report.pdf": "unsupported_type",
        "menu.txt": "no_article_text",
        "b.txt": "duplicate",
    }
    assert all(r["detail"] for r in out["rejects"])
    assert [d["doc_id"] for d in out["documents"]] == ["a"]


def test_every_input_is_accounted_for(tmp_path, params):
    files = {
        "x.txt": b"An English sentence about the conference in Chengdu.",
        "sub/dir/y.md": "# 标题\n\n四川省委召开社会工作会议。".encode(),
        "name with spaces 中文.txt": "Wang Xiaohui attended the meeting.".encode(),
        "z.bin": b"\x00\x01",
        "empty.md": b"",
    }
    out = run_on_files(tmp_path, files, params)
    paths = sorted([d["path"] for d in out["documents"]] + [r["path"] for r in out["rejects"]])
    assert paths == sorted(files)
    md = next(d for d in out["documents"] if d["path"] == "sub/dir/y.md")
    assert md["doc_id"] == "sub/dir/y" and md["title"] == "标题" and md["format"] == "markdown"
    assert md["text"] == "标题\n四川省委召开社会工作会议。"


def test_symlinks_are_rejected_not_followed(tmp_path, params):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "real.txt").write_text("The real article text is here.", encoding="utf-8")
    (seeds / "link.txt").symlink_to(seeds / "real.txt")
    (seeds / "loop").symlink_to(seeds / "loop")
    (seeds / "outside").symlink_to("/etc")
    out = run_on_files(tmp_path, {}, params)
    assert {r["path"]: r["reason"] for r in out["rejects"]} == {
        "link.txt": "symlink", "loop": "symlink", "outside": "symlink"}
    assert [d["path"] for d in out["documents"]] == ["real.txt"]


def test_colliding_doc_ids_keep_their_extension(tmp_path, params):
    out = run_on_files(tmp_path, {
        "a.txt": b"First article about Chengdu and Sichuan.",
        "a.md": b"Second article about Jilin and Changchun.",
    }, params)
    assert sorted(d["doc_id"] for d in out["documents"]) == ["a.md", "a.txt"]


def test_html_article_is_extracted(tmp_path, params):
    html = """<html><head><meta charset="utf-8"><title>Sichuan holds conference - Example News</title>
    <meta property="article:published_time" content="2024-12-27T08:00:00+08:00">
    <meta name="author" content="Jane Doe"><script>var x = "do not keep";</script></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Sichuan holds conference</h1><p>The CPC Sichuan Provincial Committee held a conference.</p>
    <p>Wang Xiaohui attended and addressed it.</p></article>
    <footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""
    out = run_on_files(tmp_path, {"page.html": html.encode()}, params)
    doc = out["documents"][0]
    assert doc["format"] == "html" and doc["published"] == dt.date(2024, 12, 27)
    assert doc["byline"] == "Jane Doe"
    assert "Wang Xiaohui attended and addressed it." in doc["text"]
    for leaked in ("do not keep", "Home", "Copyright"):
        assert leaked not in doc["text"]


def test_nul_bytes_and_crlf_are_cleaned_and_noted(tmp_path, params):
    out = run_on_files(tmp_path, {"n.txt": b"First line of text.\r\nSecond\x00 line of text.\r\n"}, params)
    doc = out["documents"][0]
    assert doc["text"] == "First line of text.\nSecond line of text."
    assert "NUL" in doc["notes"]
