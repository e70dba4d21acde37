"""Checks on the reviewed lexicons in models/lexicon/ (orgs, titles, surnames, persons).

The files are read exactly as the pipeline is meant to read them: UTF-8, tab-separated, a header
line, ``csv.QUOTE_NONE``, ``|`` between variants inside a cell. See models/lexicon/README.md.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEX = ROOT / "models" / "lexicon"
SEEDS = ROOT / "seeds"

HEADERS = {
    "orgs.tsv": ["key", "zh", "en", "aliases_zh", "aliases_en", "type", "level"],
    "titles.tsv": ["key", "zh", "en", "aliases_zh", "aliases_en"],
    "surnames.tsv": ["surname", "pinyin", "note"],
    "persons.tsv": ["key", "zh", "en", "aliases_en", "note"],
}
KEYED = ["orgs.tsv", "titles.tsv", "persons.tsv"]
ORG_TYPES = {"party", "state", "legislature", "advisory", "discipline", "judicial", "military",
             "mass_org", "academic", "media", "template"}
LEVELS = {"central", "province", "prefecture", "county"}
TEMPLATE_LEVELS = {"province", "prefecture", "county"}
PLACEHOLDER = "{P}"

KEY_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")
HAN_RE = re.compile(r"^(?:[\u3400-\u4dbf\u4e00-\u9fff]|\{P\}|[()（）·])+$")
SURNAME_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{1,4}$")
ENGLISH_RE = re.compile(r"^[A-Za-z0-9][ -~]*$")  # printable ASCII, starts with a letter/digit

# One toneless Hanyu Pinyin syllable (ü written yu after l/n, as on PRC passports: Lyu).
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ao|ou|an|en|in|un|"
          r"ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u)")
SYLLABLE = rf"(?:(?:l|n)yu(?:e)?|{_INITIAL}{_FINAL})"


def read(name: str) -> tuple[list[str], list[list[str]]]:
    with (LEX / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def records(name: str) -> list[dict[str, str]]:
    header, rows = read(name)
    return [dict(zip(header, row)) for row in rows]


def variants(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def zh_forms(row: dict[str, str]) -> list[str]:
    return [row["zh"], *variants(row.get("aliases_zh", ""))]


def en_forms(row: dict[str, str]) -> list[str]:
    return [row["en"], *variants(row.get("aliases_en", ""))]


def expand(row: dict[str, str], zh_place: str, en_place: str) -> tuple[list[str], list[str]]:
    """A template row with ``{P}`` filled in: (Chinese forms, English forms)."""
    return ([f.replace(PLACEHOLDER, zh_place) for f in zh_forms(row)],
            [f.replace(PLACEHOLDER, en_place) for f in en_forms(row)])


@pytest.fixture(scope="module")
def orgs() -> list[dict[str, str]]:
    return records("orgs.tsv")


@pytest.fixture(scope="module")
def templates(orgs) -> list[dict[str, str]]:
    return [r for r in orgs if r["type"] == "template"]


@pytest.fixture(scope="module")
def titles() -> list[dict[str, str]]:
    return records("titles.tsv")


@pytest.fixture(scope="module")
def surnames() -> dict[str, str]:
    return {r["surname"]: r["pinyin"] for r in records("surnames.tsv")}


@pytest.fixture(scope="module")
def persons() -> list[dict[str, str]]:
    return records("persons.tsv")


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- every file -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_is_exact(name):
    header, rows = read(name)
    assert header == HEADERS[name]
    assert rows, f"{name} has no data rows"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_row_has_the_header_column_count(name):
    header, rows = read(name)
    bad = [(i + 2, len(r)) for i, r in enumerate(rows) if len(r) != len(header)]
    assert not bad, f"{name}: (line, columns) {bad}"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_file_is_plain_utf8_tsv(name):
    raw = (LEX / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "LF line ends only"
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n"), "one final newline, no blank line"
    text = raw.decode("utf-8")
    assert '"' not in text and "\u201c" not in text and "\u2019" not in text, \
        "no double or curly quotes (QUOTE_NONE; use the straight apostrophe)"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_cells_and_variants_are_trimmed_and_non_empty(name):
    _, rows = read(name)
    for line, row in enumerate(rows, start=2):
        for cell in row:
            assert cell == cell.strip(), f"{name}:{line} whitespace around {cell!r}"
            if cell:
                for v in cell.split("|"):
                    assert v and v == v.strip() and "  " not in v, f"{name}:{line} bad variant in {cell!r}"


@pytest.mark.parametrize("name", KEYED)
def test_keys_are_unique_ascii_and_stable_looking(name):
    keys = [r["key"] for r in records(name)]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    assert all(KEY_RE.match(k) for k in keys), [k for k in keys if not KEY_RE.match(k)]


@pytest.mark.parametrize("name", KEYED)
def test_required_cells_and_english_form(name):
    for r in records(name):
        assert r["zh"] and r["en"], r
        for zh in zh_forms(r):
            assert HAN_RE.match(zh), f"{r['key']}: Chinese form {zh!r}"
        for en in en_forms(r):
            assert ENGLISH_RE.match(en.replace(PLACEHOLDER, "Xx")), f"{r['key']}: English form {en!r} is not plain ASCII"
            assert not en.lower().startswith("the "), f"{r['key']}: drop the leading article: {en!r}"


@pytest.mark.parametrize("name", ["orgs.tsv", "titles.tsv"])
def test_chinese_surface_forms_point_to_one_row(name):
    owner: dict[str, str] = {}
    for r in records(name):
        forms = zh_forms(r)
        assert len(forms) == len(set(forms)), f"{r['key']}: repeated Chinese variant"
        for f in forms:
            assert f not in owner, f"{f!r} in both {owner[f]} and {r['key']}"
            owner[f] = r["key"]


@pytest.mark.parametrize("name", KEYED)
def test_english_variants_not_repeated_within_a_row(name):
    for r in records(name):
        forms = [f.lower() for f in en_forms(r)]
        assert len(forms) == len(set(forms)), f"{r['key']}: repeated English variant"


def test_org_english_forms_point_to_one_row(orgs):
    owner: dict[str, str] = {}
    for r in orgs:
        for f in en_forms(r):
            assert f.lower() not in owner, f"{f!r} in both {owner[f.lower()]} and {r['key']}"
            owner[f.lower()] = r["key"]


def test_readme_documents_every_file():
    readme = (LEX / "README.md").read_text(encoding="utf-8")
    for name in HEADERS:
        assert name in readme
    assert PLACEHOLDER in readme


# --- orgs.tsv -----------------------------------------------------------------------------------

def test_org_types_and_levels(orgs):
    for r in orgs:
        assert r["type"] in ORG_TYPES, r["key"]
        assert r["level"] in LEVELS, r["key"]
        is_template = r["type"] == "template"
        assert is_template == r["key"].startswith("TPL-"), r["key"]
        if is_template:
            assert r["level"] in TEMPLATE_LEVELS, r["key"]


def test_templates_carry_the_placeholder_in_every_form(templates):
    for r in templates:
        for f in zh_forms(r) + en_forms(r):
            assert PLACEHOLDER in f, f"{r['key']}: {f!r} lacks {PLACEHOLDER}"
            assert re.sub(r"\{P\}", "", f).count("{") == 0, f"{r['key']}: unknown placeholder in {f!r}"


def test_non_templates_carry_no_placeholder(orgs):
    for r in orgs:
        if r["type"] != "template":
            assert not any("{" in f or "}" in f for f in zh_forms(r) + en_forms(r)), r["key"]


def test_org_row_counts(orgs, templates):
    central = [r for r in orgs if r["level"] == "central"]
    assert len(central) >= 70
    assert len(templates) >= 35
    assert {r["level"] for r in templates} == TEMPLATE_LEVELS


@pytest.mark.parametrize("zh", ["中央社会工作部", "中共中央", "国务院", "新华社", "全国人大", "全国政协",
                                "中央纪委", "中央组织部", "中央宣传部", "中央统战部", "国家信访局",
                                "人民日报", "国务院国资委"])
def test_required_central_bodies(orgs, zh):
    assert any(zh in zh_forms(r) and r["level"] == "central" for r in orgs), zh


@pytest.mark.parametrize("zh, en", [
    ("中共中央", "CPC Central Committee"),
    ("中共中央", "Party Central Committee"),
    ("中共中央", "Central Committee of the Communist Party of China"),
    ("中央社会工作部", "Central Social Work Department"),
    ("中央社会工作部", "Social Work Department of the CPC Central Committee"),
    ("新华社", "Xinhua News Agency"),
    ("新华社", "Xinhua"),
    ("国务院", "State Council"),
    ("国家信访局", "National Public Complaints and Proposals Administration"),
    ("国务院国资委", "SASAC"),
])
def test_central_bodies_english(orgs, zh, en):
    (row,) = [r for r in orgs if zh in zh_forms(r)]
    assert en in en_forms(row)


def test_template_expands_sichuan_to_the_provincial_committee(templates):
    hits = [r for r in templates if "四川省委" in expand(r, "四川", "Sichuan")[0]]
    assert len(hits) == 1
    (row,) = hits
    assert row["level"] == "province"
    _, en = expand(row, "四川", "Sichuan")
    assert en[0] == "CPC Sichuan Provincial Committee"
    assert {"Sichuan Provincial Party Committee", "Sichuan Provincial Committee of the CPC"} <= set(en)


@pytest.mark.parametrize("zh_form", ["{P}省委社会工作部", "{P}省委社工部", "{P}省人民政府", "{P}省政府",
                                     "{P}省人大常委会", "{P}省政协", "{P}省纪委", "{P}省委组织部",
                                     "{P}省委宣传部", "{P}省交通运输厅", "{P}省国资委", "{P}市委",
                                     "{P}市政府", "{P}市委社工部", "{P}县委", "{P}县政府", "{P}区委"])
def test_required_templates(templates, zh_form):
    assert any(zh_form in zh_forms(r) for r in templates), zh_form


def test_expanded_templates_do_not_shadow_central_bodies(orgs, templates):
    central = {f for r in orgs if r["type"] != "template" for f in zh_forms(r)}
    for place in ("四川", "遂宁", "北京"):
        for r in templates:
            clash = set(expand(r, place, "X")[0]) & central
            assert not clash, (r["key"], clash)


@pytest.mark.parametrize("english", [
    "CPC Sichuan Provincial Committee",
    "People's Government of Sichuan Province",
    "Standing Committee of Sichuan Provincial People's Congress",
    "Organization Department of the CPC Sichuan Provincial Committee",
    "Social Work Department of the CPC Sichuan Provincial Committee",
    "General Office of the People's Government of Sichuan Province",
])
def test_official_english_in_seed_001_comes_from_a_template(templates, english):
    """The Sichuan government site's own English (seed 001) is what the templates produce."""
    assert english in seed("001")
    assert any(english in expand(r, "四川", "Sichuan")[1] for r in templates), english


@pytest.mark.parametrize("zh_place, en_place", [("遂宁", "Suining"), ("绵阳", "Mianyang")])
def test_city_social_work_departments_in_seed_004(templates, zh_place, en_place):
    mention = f"{zh_place}市委社工部"
    assert mention in seed("004")
    (row,) = [r for r in templates if mention in expand(r, zh_place, en_place)[0]]
    assert row["level"] == "prefecture"
    assert expand(row, zh_place, en_place)[1][0] == f"Social Work Department of the CPC {en_place} Municipal Committee"


def test_xinhua_in_seed_002_is_known(orgs):
    text = seed("002")
    assert "新华社" in text and "Xinhua" in text
    (row,) = [r for r in orgs if "新华社" in zh_forms(r)]
    assert row["type"] == "media"


# --- titles.tsv ---------------------------------------------------------------------------------

@pytest.mark.parametrize("zh, en", [
    ("省委书记", "Secretary of the Provincial Party Committee"),
    ("省委书记", "provincial Party secretary"),
    ("省委书记", "Party chief"),
    ("省长", "Governor"),
    ("副省长", "Vice Governor"),
    ("总书记", "General Secretary"),
    ("国家主席", "President"),
    ("总理", "Premier"),
    ("部长", "Minister"),
    ("记者", "reporter"),
    ("市长", "Mayor"),
    ("县长", "County Magistrate"),
    ("秘书长", "Secretary-General"),
    ("组织部部长", "Head of the Organization Department"),
    ("社工部部长", "Head of the Social Work Department"),
    ("常委会主任", "Chairman of the Standing Committee"),
])
def test_required_titles(titles, zh, en):
    (row,) = [r for r in titles if zh in zh_forms(r)]
    assert en in en_forms(row)


def test_title_keys_say_post_or_role(titles):
    for r in titles:
        assert r["key"].startswith(("TTL-", "ROLE-")), r["key"]
        assert PLACEHOLDER not in r["zh"] + r["en"] + r["aliases_zh"] + r["aliases_en"], r["key"]
    (reporter,) = [r for r in titles if r["zh"] == "记者"]
    assert reporter["key"].startswith("ROLE-")
    assert len(titles) >= 60


@pytest.mark.parametrize("english", [
    "General Secretary", "Deputy Secretary", "Governor", "Head of the Organization Department",
    "Member of the Standing Committee", "Director-General of the Social Work Department",
    "Chairman of the Standing Committee", "Head of the Commission for Political and Legal Affairs",
])
def test_post_titles_in_seed_001_are_known(titles, english):
    assert english in seed("001")
    assert any(english in en_forms(r) for r in titles), english


def test_chinese_titles_in_seed_004_are_known(titles):
    text = seed("004")
    for zh in ("社工部部长", "记者", "总书记"):
        assert zh in text
        assert any(zh in zh_forms(r) for r in titles), zh


# --- surnames.tsv -------------------------------------------------------------------------------

def test_surnames_unique_and_well_formed():
    _, rows = read("surnames.tsv")
    names = [r[0] for r in rows]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    syllables = {1: 1, 2: 2, 3: 3, 4: 4}
    for name, pinyin, note in rows:
        assert SURNAME_RE.match(name), name
        for py in variants(pinyin):
            assert re.fullmatch(r"[A-Z][a-z]*", py), f"{name}: {py!r} must be capitalised ASCII"
            pattern = rf"(?:{SYLLABLE}){{{syllables[len(name)]}}}"
            assert re.fullmatch(pattern, py.lower()), f"{name}: {py!r} is not {len(name)} pinyin syllable(s)"
        if len(name) > 1:
            assert note.startswith("compound"), f"{name}: compound surnames are noted as such"


def test_surname_counts(surnames):
    assert len(surnames) >= 400
    assert sum(len(s) > 1 for s in surnames) >= 20


@pytest.mark.parametrize("surname, pinyin", [
    ("曾", "Zeng"), ("单", "Shan"), ("解", "Xie"), ("仇", "Qiu"), ("区", "Ou"), ("查", "Zha"),
    ("翟", "Zhai"), ("朴", "Piao"), ("盖", "Ge"), ("种", "Chong"), ("乐", "Yue"), ("覃", "Qin"),
    ("缪", "Miao"), ("召", "Shao"), ("繁", "Po"), ("员", "Yun"), ("秘", "Bi"), ("折", "She"),
    ("祭", "Zhai"), ("过", "Guo"), ("沈", "Shen"), ("重", "Chong"), ("宁", "Ning"), ("纪", "Ji"),
    ("任", "Ren"), ("薄", "Bo"), ("华", "Hua"), ("应", "Ying"), ("么", "Yao"),
    ("尉迟", "Yuchi"), ("万俟", "Moqi"), ("长孙", "Zhangsun"), ("澹台", "Tantai"),
    ("欧阳", "Ouyang"), ("司马", "Sima"), ("诸葛", "Zhuge"), ("上官", "Shangguan"),
    ("东方", "Dongfang"), ("皇甫", "Huangfu"), ("令狐", "Linghu"), ("慕容", "Murong"),
])
def test_surname_readings(surnames, surname, pinyin):
    assert variants(surnames[surname])[0] == pinyin


def test_seed_people_have_known_surnames(surnames):
    """Names in the seeds: 王晓晖 Wang Xiaohui, 施小琳 Shi Xiaolin, 于立军 Yu Lijun, 金磊 Jin Lei,
    樊邦平 (byline), 李鸿桀, 代宏."""
    for name, py in [("王", "Wang"), ("施", "Shi"), ("于", "Yu"), ("金", "Jin"), ("樊", "Fan"),
                     ("李", "Li"), ("代", "Dai")]:
        assert variants(surnames[name])[0] == py


# --- persons.tsv --------------------------------------------------------------------------------

def test_persons_unique_and_counted(persons):
    zh = [r["zh"] for r in persons]
    assert len(zh) == len(set(zh))
    assert len(persons) >= 50
    assert all(r["note"] for r in persons), "every person says who they are"


@pytest.mark.parametrize("zh, en", [
    ("林郑月娥", "Carrie Lam"), ("李家超", "John Lee"), ("梁振英", "Leung Chun-ying"),
    ("曾荫权", "Donald Tsang"), ("董建华", "Tung Chee-hwa"), ("何厚铧", "Edmund Ho"),
    ("贺一诚", "Ho Iat Seng"), ("蔡英文", "Tsai Ing-wen"), ("赖清德", "Lai Ching-te"),
    ("马英九", "Ma Ying-jeou"), ("李光耀", "Lee Kuan Yew"), ("李显龙", "Lee Hsien Loong"),
    ("黄循财", "Lawrence Wong"), ("孙中山", "Sun Yat-sen"), ("蒋介石", "Chiang Kai-shek"),
    ("成龙", "Jackie Chan"), ("李嘉诚", "Li Ka-shing"),
])
def test_person_english_names(persons, zh, en):
    (row,) = [r for r in persons if r["zh"] == zh]
    assert row["en"] == en


def test_persons_english_forms_point_to_one_person(persons):
    owner: dict[str, str] = {}
    for r in persons:
        for f in en_forms(r):
            assert f not in owner, f"{f!r} in both {owner[f]} and {r['key']}"
            owner[f] = r["key"]
