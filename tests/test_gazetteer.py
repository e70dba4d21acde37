"""Checks on the reviewed place gazetteer, models/gazetteer/places.tsv.

The file is hand-maintained data; these tests pin its format (header, columns, key scheme),
its referential integrity (every parent exists, the hierarchy is well typed), its coverage
(all provincial- and prefecture-level divisions, every county-level unit of Sichuan, the
county-level cities of the other provinces) and a handful of facts a reviewer checked by hand.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

PLACES = Path(__file__).resolve().parent.parent / "models" / "gazetteer" / "places.tsv"

HEADER = ["key", "zh", "en", "pinyin", "type", "parent", "aliases_zh", "aliases_en"]
PROVINCIAL = {"province", "autonomous_region", "municipality", "sar"}
TYPES = PROVINCIAL | {"country", "prefecture", "county", "city", "region", "water", "mountain"}

# Key scheme, by type (see models/gazetteer/README.md).
SLUG = r"[a-z0-9]+"
KEY_PATTERNS = {
    "country": re.compile(r"^(CN|C-[A-Z]{2})$"),
    "province": re.compile(r"^CN-[A-Z]{2}$"),
    "autonomous_region": re.compile(r"^CN-[A-Z]{2}$"),
    "municipality": re.compile(r"^CN-[A-Z]{2}$"),
    "sar": re.compile(r"^CN-[A-Z]{2}$"),
    "prefecture": re.compile(rf"^CN-[A-Z]{{2}}-{SLUG}$"),
    "county": re.compile(rf"^CN-[A-Z]{{2}}(-{SLUG}){{1,2}}$"),
    "city": re.compile(rf"^C-[A-Z]{{2}}-{SLUG}(-{SLUG})*$"),
    "region": re.compile(rf"^R-{SLUG}(-{SLUG})*$"),
    "water": re.compile(rf"^G-{SLUG}(-{SLUG})*$"),
    "mountain": re.compile(rf"^G-{SLUG}(-{SLUG})*$"),
}

# en and pinyin: ASCII letters, apostrophes, hyphens and spaces only.
ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z' -]*[A-Za-z]$")

# Real homonyms: two different places of the same type whose official names are identical.
ZH_HOMONYMS = {
    ("county", "市中区"),  # 内江市市中区 and 乐山市市中区
}

# Aliases shared by two places of the same type on purpose: different Chinese names that
# romanise identically. A consumer must disambiguate these from context.
EN_ALIAS_COLLISIONS = {
    ("prefecture", "Suzhou City"),  # 苏州市 (Jiangsu) / 宿州市 (Anhui)
    ("prefecture", "Taizhou City"),  # 泰州市 (Jiangsu) / 台州市 (Zhejiang)
    ("prefecture", "Fuzhou City"),  # 福州市 (Fujian) / 抚州市 (Jiangxi)
    ("prefecture", "Yichun City"),  # 伊春市 (Heilongjiang) / 宜春市 (Jiangxi)
    ("prefecture", "Yulin City"),  # 玉林市 (Guangxi) / 榆林市 (Shaanxi)
    ("county", "Fengcheng City"),  # 凤城市 (Liaoning) / 丰城市 (Jiangxi)
    ("county", "Xinyi City"),  # 新沂市 (Jiangsu) / 信宜市 (Guangdong)
    ("county", "Heshan City"),  # 鹤山市 (Guangdong) / 合山市 (Guangxi)
    ("county", "Kaiyuan City"),  # 开原市 (Liaoning) / 开远市 (Yunnan)
    ("county", "Lufeng City"),  # 陆丰市 (Guangdong) / 禄丰市 (Yunnan)
    ("county", "Wugang City"),  # 舞钢市 (Henan) / 武冈市 (Hunan)
    ("county", "Yushu City"),  # 榆树市 (Jilin) / 玉树市 (Qinghai)
}
ZH_ALIAS_COLLISIONS: set[tuple[str, str]] = set()

# Prefecture-level divisions per provincial-level unit (official count, 2024).
PREFECTURES_PER_PROVINCE = {
    "CN-HE": 11, "CN-SX": 11, "CN-NM": 12, "CN-LN": 14, "CN-JL": 9, "CN-HL": 13, "CN-JS": 13,
    "CN-ZJ": 11, "CN-AH": 16, "CN-FJ": 9, "CN-JX": 11, "CN-SD": 16, "CN-HA": 17, "CN-HB": 13,
    "CN-HN": 14, "CN-GD": 21, "CN-GX": 14, "CN-HI": 4, "CN-SC": 21, "CN-GZ": 9, "CN-YN": 16,
    "CN-XZ": 7, "CN-SN": 10, "CN-GS": 14, "CN-QH": 8, "CN-NX": 5, "CN-XJ": 14,
}


def read_rows() -> tuple[list[str], list[list[str]]]:
    with PLACES.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        return header, list(reader)


@pytest.fixture(scope="module")
def raw() -> tuple[list[str], list[list[str]]]:
    return read_rows()


@pytest.fixture(scope="module")
def places(raw) -> list[dict[str, str]]:
    header, rows = raw
    assert header == HEADER
    return [dict(zip(HEADER, row)) for row in rows]


@pytest.fixture(scope="module")
def by_key(places) -> dict[str, dict[str, str]]:
    return {p["key"]: p for p in places}


def aliases(place: dict[str, str], column: str) -> list[str]:
    return place[column].split("|") if place[column] else []


def ancestors(key: str, by_key: dict[str, dict[str, str]]) -> list[str]:
    chain = []
    parent = by_key[key]["parent"]
    while parent:
        chain.append(parent)
        parent = by_key[parent]["parent"]
    return chain


def find(places, zh: str, type_: str | None = None) -> dict[str, str]:
    hits = [p for p in places if p["zh"] == zh and (type_ is None or p["type"] == type_)]
    assert len(hits) == 1, (zh, hits)
    return hits[0]


# ---------------------------------------------------------------- format


def test_file_is_utf8_without_bom_and_ends_with_newline():
    data = PLACES.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")
    assert data.endswith(b"\n") and b"\r" not in data


def test_header_exact(raw):
    header, _ = raw
    assert header == HEADER


def test_every_row_has_eight_columns(raw):
    _, rows = raw
    bad = [(i + 2, len(r)) for i, r in enumerate(rows) if len(r) != len(HEADER)]
    assert not bad, bad


def test_no_padding_or_empty_required_fields(places):
    for p in places:
        for col, value in p.items():
            assert value == value.strip(), (p["key"], col)
        for col in ("key", "zh", "en", "pinyin", "type"):
            assert p[col], (p["key"], col)


def test_types_are_known(places):
    assert {p["type"] for p in places} <= TYPES


def test_keys_unique(places):
    dup = [k for k, n in Counter(p["key"] for p in places).items() if n > 1]
    assert not dup, dup


def test_keys_match_scheme(places):
    bad = [(p["key"], p["type"]) for p in places if not KEY_PATTERNS[p["type"]].match(p["key"])]
    assert not bad, bad


def test_keys_extend_parent_key(places):
    # CN-SC-chengdu-jianyang sits under CN-SC-chengdu, C-US-washington under C-US.
    for p in places:
        if p["type"] in {"prefecture", "county", "city"}:
            assert p["key"].startswith(p["parent"] + "-"), p["key"]


def test_en_and_pinyin_are_ascii_names(places):
    bad = [(p["key"], p[c]) for p in places for c in ("en", "pinyin") if not ASCII_NAME.match(p[c])]
    assert not bad, bad


def test_aliases_en_are_ascii(places):
    for p in places:
        for a in aliases(p, "aliases_en"):
            assert a.isascii() and a.isprintable(), (p["key"], a)


def test_zh_names_are_chinese(places):
    for p in places:
        for name in [p["zh"], *aliases(p, "aliases_zh")]:
            assert not re.search(r"[A-Za-z0-9\s]", name), (p["key"], name)


def test_alias_lists_are_clean(places):
    for p in places:
        for col, own in (("aliases_zh", p["zh"]), ("aliases_en", p["en"])):
            items = aliases(p, col)
            assert all(items), (p["key"], col)
            assert len(items) == len(set(items)), (p["key"], col)
            assert own not in items, (p["key"], col)


# ---------------------------------------------------------------- integrity


def test_every_parent_exists(places, by_key):
    missing = [(p["key"], p["parent"]) for p in places if p["parent"] and p["parent"] not in by_key]
    assert not missing, missing


def test_hierarchy_is_well_typed(places, by_key):
    for p in places:
        t, parent = p["type"], by_key.get(p["parent"])
        if t == "country":
            assert parent is None, p["key"]
        elif t in PROVINCIAL:
            assert p["parent"] == "CN", p["key"]
        elif t == "prefecture":
            assert parent["type"] in PROVINCIAL, p["key"]
        elif t == "county":
            assert parent["type"] == "prefecture" or parent["type"] in PROVINCIAL, p["key"]
        elif t == "city":
            assert parent["type"] == "country" and parent["key"] != "CN", p["key"]
        else:  # region / water / mountain: inside China, a province, or (cross-border) none
            assert parent is None or parent["key"] == "CN" or parent["type"] in PROVINCIAL, p["key"]


def test_no_cycles(places, by_key):
    for p in places:
        chain = ancestors(p["key"], by_key)
        assert len(chain) == len(set(chain)) and p["key"] not in chain


def test_zh_unique_within_type(places):
    seen = defaultdict(list)
    for p in places:
        seen[(p["type"], p["zh"])].append(p["key"])
    dup = {k: v for k, v in seen.items() if len(v) > 1 and k not in ZH_HOMONYMS}
    assert not dup, dup
    for homonym in ZH_HOMONYMS:
        assert len(seen[homonym]) > 1, f"allow-list entry no longer needed: {homonym}"


def test_zh_unique_within_parent(places):
    dup = [k for k, n in Counter((p["parent"], p["zh"]) for p in places).items() if n > 1]
    assert not dup, dup


def _collision_group(type_: str) -> str:
    return "provincial" if type_ in PROVINCIAL else type_


@pytest.mark.parametrize(
    "column, allowed", [("aliases_zh", ZH_ALIAS_COLLISIONS), ("aliases_en", EN_ALIAS_COLLISIONS)]
)
def test_no_alias_collisions_within_type(places, column, allowed):
    owners = defaultdict(set)
    for p in places:
        for a in aliases(p, column):
            owners[(_collision_group(p["type"]), a)].add(p["key"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1 and k not in allowed}
    assert not clashes, clashes
    for entry in allowed:
        assert len(owners[entry]) > 1, f"allow-list entry no longer needed: {entry}"


def test_zh_alias_never_names_another_place_of_same_type(places):
    names = defaultdict(set)
    for p in places:
        names[(_collision_group(p["type"]), p["zh"])].add(p["key"])
    for p in places:
        for a in aliases(p, "aliases_zh"):
            others = names.get((_collision_group(p["type"]), a), set()) - {p["key"]}
            assert not others, (p["key"], a, others)


# ---------------------------------------------------------------- coverage


def test_exactly_34_provincial_level_divisions(places):
    provincial = [p for p in places if p["type"] in PROVINCIAL]
    assert len(provincial) == 34
    counts = Counter(p["type"] for p in provincial)
    assert counts == {"province": 23, "autonomous_region": 5, "municipality": 4, "sar": 2}


def test_prefecture_level_divisions(places, by_key):
    prefectures = [p for p in places if p["type"] == "prefecture"]
    assert len(prefectures) >= 330
    for p in prefectures:
        assert by_key[p["parent"]]["type"] in PROVINCIAL, p["key"]
    counts = Counter(p["parent"] for p in prefectures)
    assert dict(counts) == PREFECTURES_PER_PROVINCE


def test_prefecture_level_kinds(places):
    # 293 prefecture-level cities, 30 autonomous prefectures, 7 prefectures, 3 leagues.
    zh = [p["zh"] for p in places if p["type"] == "prefecture"]
    assert sum(z.endswith("自治州") for z in zh) == 30
    assert sum(z.endswith("地区") for z in zh) == 7
    assert sum(z.endswith("盟") for z in zh) == 3
    assert sum(z.endswith("市") for z in zh) == 293


def test_sichuan_coverage(places, by_key):
    pref = [p for p in places if p["type"] == "prefecture" and p["parent"] == "CN-SC"]
    assert len(pref) == 21
    counties = [p for p in places if p["type"] == "county" and "CN-SC" in ancestors(p["key"], by_key)]
    assert len(counties) >= 180
    per_pref = Counter(p["parent"] for p in counties)
    assert per_pref["CN-SC-chengdu"] == 20
    assert per_pref["CN-SC-liangshan"] == 17
    assert per_pref["CN-SC-ganzi"] == 18
    assert per_pref["CN-SC-aba"] == 13
    assert all(per_pref[p["key"]] > 0 for p in pref)


def test_every_province_lists_its_county_level_cities(places, by_key):
    cities = Counter()
    for p in places:
        if p["type"] == "county" and p["zh"].endswith("市"):
            province = next(k for k in ancestors(p["key"], by_key) if by_key[k]["type"] in PROVINCIAL)
            cities[province] += 1
    # Xizang has no county-level city; Taiwan's subdivisions are not listed.
    expected = {p["key"] for p in places if p["type"] in {"province", "autonomous_region"}}
    expected -= {"CN-XZ", "CN-TW"}
    assert {k for k in expected if cities[k] == 0} == set()
    assert sum(cities.values()) >= 390  # about 394-397 county-level cities nationwide


def test_foreign_and_geographic_coverage(places):
    counts = Counter(p["type"] for p in places)
    assert counts["country"] >= 60
    assert counts["city"] >= 40
    assert counts["region"] + counts["water"] + counts["mountain"] >= 30


# ---------------------------------------------------------------- spot checks


@pytest.mark.parametrize(
    "zh, en, pinyin, type_, parent_zh",
    [
        ("四川省", "Sichuan", "Sichuan", "province", "中华人民共和国"),
        ("成都市", "Chengdu", "Chengdu", "prefecture", "四川省"),
        ("遂宁市", "Suining", "Suining", "prefecture", "四川省"),
        ("绵阳市", "Mianyang", "Mianyang", "prefecture", "四川省"),
        ("长春市", "Changchun", "Changchun", "prefecture", "吉林省"),
        ("哈尔滨市", "Harbin", "Haerbin", "prefecture", "黑龙江省"),
        ("呼和浩特市", "Hohhot", "Huhehaote", "prefecture", "内蒙古自治区"),
        ("乌鲁木齐市", "Urumqi", "Wulumuqi", "prefecture", "新疆维吾尔自治区"),
        ("拉萨市", "Lhasa", "Lasa", "prefecture", "西藏自治区"),
        ("喀什地区", "Kashgar Prefecture", "Kashi", "prefecture", "新疆维吾尔自治区"),
        ("凉山彝族自治州", "Liangshan Yi Autonomous Prefecture", "Liangshan", "prefecture", "四川省"),
        ("甘孜藏族自治州", "Garze Tibetan Autonomous Prefecture", "Ganzi", "prefecture", "四川省"),
        ("阿坝藏族羌族自治州", "Aba Tibetan and Qiang Autonomous Prefecture", "Aba", "prefecture", "四川省"),
        ("简阳市", "Jianyang", "Jianyang", "county", "成都市"),
        ("射洪市", "Shehong", "Shehong", "county", "遂宁市"),
        ("会理市", "Huili", "Huili", "county", "凉山彝族自治州"),
        ("北川羌族自治县", "Beichuan Qiang Autonomous County", "Beichuan", "county", "绵阳市"),
        ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region", "Xinjiang", "autonomous_region", "中华人民共和国"),
        ("香港特别行政区", "Hong Kong SAR", "Xianggang", "sar", "中华人民共和国"),
        ("陕西省", "Shaanxi", "Shanxi", "province", "中华人民共和国"),
    ],
)
def test_spot_checks(places, by_key, zh, en, pinyin, type_, parent_zh):
    p = find(places, zh, type_)
    assert (p["en"], p["pinyin"]) == (en, pinyin)
    assert by_key[p["parent"]]["zh"] == parent_zh


def test_spot_check_keys(by_key):
    assert by_key["CN-SC"]["zh"] == "四川省"
    assert by_key["CN-SC-chengdu"]["zh"] == "成都市"
    assert by_key["CN-SC-chengdu-jianyang"]["zh"] == "简阳市"
    assert by_key["CN"]["zh"] == "中华人民共和国"
    assert by_key["C-US"]["en"] == "United States"
    assert by_key["C-US-washington"]["parent"] == "C-US"


def test_spot_check_aliases(places):
    def al(zh, col="aliases_zh"):
        return aliases(find(places, zh), col)

    assert {"四川", "川"} <= set(al("四川省"))
    assert "成都" in al("成都市")
    assert {"凉山州", "凉山"} <= set(al("凉山彝族自治州"))
    assert {"甘孜州", "甘孜"} <= set(al("甘孜藏族自治州"))
    assert {"阿坝州", "阿坝"} <= set(al("阿坝藏族羌族自治州"))
    assert "内蒙古" in al("内蒙古自治区")
    assert "北京" in al("北京市")
    assert {"香港", "港"} <= set(al("香港特别行政区"))
    assert {"Tibet", "Xizang"} <= set(al("西藏自治区", "aliases_en"))
    assert {"Macao", "Macau"} <= set(al("澳门特别行政区", "aliases_en"))
    assert "Inner Mongolia" in al("内蒙古自治区", "aliases_en")
    assert "Sichuan Province" in al("四川省", "aliases_en")
    # the province keeps the bare name; the homonymous city does not steal it
    assert "吉林" in al("吉林省") and "吉林" not in al("吉林市")
    assert "海南" in al("海南省") and "海南" not in al("海南藏族自治州")


def test_sichuan_units_known_to_have_changed_status(places):
    # Recent changes an outdated list would get wrong.
    assert find(places, "郫都区")["type"] == "county"  # was 郫县 (2016)
    assert find(places, "新津区")["parent"] == "CN-SC-chengdu"  # was 新津县 (2020)
    assert find(places, "罗江区")["parent"] == "CN-SC-deyang"  # was 罗江县 (2017)
    assert find(places, "叙州区")["parent"] == "CN-SC-yibin"  # was 宜宾县 (2018)
    assert find(places, "简阳市")["parent"] == "CN-SC-chengdu"  # moved from 资阳 (2016)
    assert find(places, "隆昌市")["parent"] == "CN-SC-neijiang"
    assert find(places, "马尔康市")["parent"] == "CN-SC-aba"
    assert find(places, "康定市")["parent"] == "CN-SC-ganzi"
