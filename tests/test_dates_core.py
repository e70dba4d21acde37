"""Date extraction core: guideline examples, every expression in the seeds, false dates, properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates_en import find_dates_en
from pipeline.dates_zh import find_dates_zh
from pipeline.timex import (
    GRANULARITIES,
    Timex,
    day_of_month_value,
    partial_value,
    pick_year,
    select,
    shift_month,
    valid_value,
    weekday_value,
)

D1226 = dt.date(2024, 12, 26)  # anchor of seeds 000 and 004
D0106 = dt.date(2025, 1, 6)  # seed 001 (Updated:2025.01.06)
D1105 = dt.date(2024, 11, 5)  # seed 003 (2024-11-05)
D0110 = dt.date(2024, 1, 10)  # a plausible anchor for seed 002 ("this year's … in 2024")


def surfaces(found: list[Timex], text: str) -> list[tuple[str, str, str]]:
    return [(text[t.start : t.end], t.type, t.value) for t in found]


EN_CASES = [
    # guideline examples
    ("December 26th, 2024", D1226, [("December 26th, 2024", "DATE", "2024-12-26")]),
    ("2024-11-05", D1226, [("2024-11-05", "DATE", "2024-11-05")]),
    ("Updated:2025.01.06", None, [("2025.01.06", "DATE", "2025-01-06")]),
    ("It was published on 2025/01/06.", None, [("2025/01/06", "DATE", "2025-01-06")]),
    ("On December 24th, the meeting was held.", D1226, [("December 24th", "DATE", "2024-12-24")]),
    ("In March, the plan was issued.", D1226, [("March", "DATE", "2024-03")]),
    ("In March, the plan will be issued.", D1226, [("March", "DATE", "2025-03")]),
    ("Dec. 26", D1226, [("Dec. 26", "DATE", "2024-12-26")]),
    ("It opened on 26 December 2024.", None, [("26 December 2024", "DATE", "2024-12-26")]),
    ("last year", D1226, [("last year", "DATE", "2023")]),
    ("next year", D1226, [("next year", "DATE", "2025")]),
    ("this month", D1226, [("this month", "DATE", "2024-12")]),
    ("Last month, the committee met.", D1226, [("Last month", "DATE", "2024-11")]),
    ("this year's tasks", D1226, [("this year", "DATE", "2024")]),
    ("in recent years", D1226, [("recent years", "DATE", "PAST_REF")]),
    ("since 2023", None, [("2023", "DATE", "2023")]),
    ("It is currently open and at present busy; now closed.", D1226,
     [("currently", "DATE", "PRESENT_REF"), ("at present", "DATE", "PRESENT_REF"), ("now", "DATE", "PRESENT_REF")]),
    ("We will do more in the future.", D1226, [("the future", "DATE", "FUTURE_REF")]),
    ("social work in the new era", D1226, []),
    ("a story from over 300 years ago", None, [("300 years", "DURATION", "P300Y")]),
    ("within five years", None, [("five years", "DURATION", "P5Y")]),
    ("a short time", D1226, []),
    ("The report is published every year.", None, [("every year", "SET", "P1Y")]),
    ("by 2035.", None, [("2035", "DATE", "2035")]),
    ("2024's budget", None, [("2024", "DATE", "2024")]),
    ("yesterday, today and tomorrow", D1226,
     [("yesterday", "DATE", "2024-12-25"), ("today", "DATE", "2024-12-26"), ("tomorrow", "DATE", "2024-12-27")]),
    ("The meeting was held on Monday.", D1226, [("Monday", "DATE", "2024-12-23")]),
    ("It happened in May.", D1226, [("May", "DATE", "2024-05")]),
    ("in the 1990s", None, [("1990s", "DATE", "199X")]),
    ("Updated: 2025-01-06 10:30:15", None, [("2025-01-06 10:30:15", "TIME", "2025-01-06T10:30")]),
    ("on the 26th of Sept. 2024", None, [("26th of Sept. 2024", "DATE", "2024-09-26")]),
    ("from 2019 to 2023", None, [("2019", "DATE", "2019"), ("2023", "DATE", "2023")]),
    ("mid-2024", None, [("2024", "DATE", "2024")]),
    ("last Monday and next Friday", D1226,
     [("last Monday", "DATE", "2024-12-23"), ("next Friday", "DATE", "2024-12-27")]),
    ("this Friday", D1226, [("this Friday", "DATE", "2024-12-27")]),
    ("every two years for twenty-five years", None,
     [("every two years", "SET", "P2Y"), ("twenty-five years", "DURATION", "P25Y")]),
    ("In the past, it was different; in the past five years it changed.", D1226,
     [("the past", "DATE", "PAST_REF"), ("five years", "DURATION", "P5Y")]),
    # seed 000
    ("Recently, multiple provinces have held provincial social work conferences.", D1226,
     [("Recently", "DATE", "PAST_REF")]),
    ("On December 26th, the Sichuan Provincial Party Committee Social Work Conference was held in Chengdu.",
     D1226, [("December 26th", "DATE", "2024-12-26")]),
    ("He emphasized that in recent years, all levels of party committees (party groups) have implemented",
     D1226, [("recent years", "DATE", "PAST_REF")]),
    ("has completed the establishment of social work departments at the provincial, city and county levels "
     "in a short time", D1226, []),
    ("we must also be clear-eyed to see that current social work still faces many difficulties", D1226,
     [("current", "DATE", "PRESENT_REF")]),
    ("the current of the river and an electric current", D1226, []),
    ("You May Have Missed", D1226, []),
    # seed 001
    ("On December 26, the CPC Sichuan Provincial Committee Conference on Social Work was held in Chengdu.",
     D0106, [("December 26", "DATE", "2024-12-26")]),
    ("Last month, the Party Central Committee convened a conference on social work for the first time",
     D0106, [("Last month", "DATE", "2024-12")]),
    ("These departments have now entered into operational mode", D0106, [("now", "DATE", "PRESENT_REF")]),
    ("Since the 18th CPC National Congress, General Secretary Xi Jinping has provided a series", D0106, []),
    ("The second plenary session of the 20th CPC Central Committee has laid out plans", D0106, []),
    ("Website Identification Code: 5100000062 Sichuan ICP No. 13001288", D0106, []),
    ("Sichuan Computer Information Network and Internet Security Record No. 51010402000507", D0106, []),
    # seed 002 (English parts)
    ("The key tasks for this year's social work departments of party committees at all levels have also "
     "been clarified. Xinhua Agency reported that in 2024, the social work departments", D0110,
     [("this year", "DATE", "2024"), ("2024", "DATE", "2024")]),
    ("In March last year, the Central Committee of the Communist Party of China and the State Council issued",
     D0110, [("March last year", "DATE", "2023-03")]),
    ("With over 20 years of rich experience in news reporting and editing", None, [("20 years", "DURATION", "P20Y")]),
    ("This post has 5 comments:", None, []),
    # seed 003
    ("2024-11-05\nDoing a good job in social work in the new era", D1105, [("2024-11-05", "DATE", "2024-11-05")]),
    ("In December 2023, the Central Party Building Work Leading Group held a meeting", D1105,
     [("December 2023", "DATE", "2023-12")]),
    ("On the eve of the 2019 Spring Festival, General Secretary Xi Jinping walked into a courier service point",
     D1105, [("2019 Spring Festival", "DATE", "2019-02-05")]),
    ("In 2012, the General Office of the Communist Party of China Central Committee issued opinions on "
     "strengthening and improving the party building work in non-public enterprises. In the same year, the "
     "National Conference on Party Building in Non Public Enterprises was held in Beijing", D1105,
     [("2012", "DATE", "2012"), ("the same year", "DATE", "2012")]),
    ("In the same year, nothing came before.", D1105, []),
    ("During the Spring Festival, people travel.", D1226, [("Spring Festival", "DATE", "2024-02-10")]),
    ("Since the reform was launched in June 2015, more than 70000 industry associations", D1105,
     [("June 2015", "DATE", "2015-06")]),
    ("In May 2024, it hosted the sixth meeting of the Sino French Entrepreneurs Committee.", D1105,
     [("May 2024", "DATE", "2024-05")]),
    ("According to relevant departments, since 2023, industry associations and chambers of commerce", D1105,
     [("2023", "DATE", "2023")]),
    ("In 2023, 10 departments jointly issued policy documents", D1105, [("2023", "DATE", "2023")]),
    ("the nearly 4000 square meter space gathers more than 20 functional carriers", D1105, []),
    ("In recent years, various regions have taken multiple measures", D1105, [("recent years", "DATE", "PAST_REF")]),
    ("a six foot alley that witnessed a beautiful story from over 300 years ago", D1105,
     [("300 years", "DURATION", "P300Y")]),
    ("In October 2024, General Secretary Xi Jinping visited Liuchi Lane", D1105, [("October 2024", "DATE", "2024-10")]),
    ("Since 2023, relevant departments have introduced a series of specific measures", D1105,
     [("2023", "DATE", "2023")]),
    ("From the five-year plan for national economic and social development", D1105, []),
    ("12345 government service convenience hotlines", D1105, []),
    ("As of October 2024, there are a total of 237 million registered volunteers and 1.35 million teams", D1105,
     [("October 2024", "DATE", "2024-10")]),
    ("In 2024, the number of applicants reached 1.889 million, setting a new historical high.", D1105,
     [("2024", "DATE", "2024")]),
    ("Since the 18th National Congress of the Communist Party of China", D1105, []),
    # false dates
    ("We may have missed it.", D1226, []),
    ("May the new year bring peace.", D1226, []),
    ("the 18th National Congress and the 20th Central Committee", D1226, []),
    ("a total of 2000 participants", D1226, []),
    ("prices rose 20 percent and 45% of people agreed", D1226, []),
]

ZH_CASES = [
    # guideline examples
    ("2024年12月26日", None, [("2024年12月26日", "DATE", "2024-12-26")]),
    ("二〇二四年十二月二十六日", None, [("二〇二四年十二月二十六日", "DATE", "2024-12-26")]),
    ("12月26日", D1226, [("12月26日", "DATE", "2024-12-26")]),
    ("１２月２６日", D1226, [("１２月２６日", "DATE", "2024-12-26")]),
    ("4月8日", D1226, [("4月8日", "DATE", "2024-04-08")]),
    ("十二月", D1226, [("十二月", "DATE", "2024-12")]),
    ("今年", D1226, [("今年", "DATE", "2024")]),
    ("去年3月", D1226, [("去年3月", "DATE", "2023-03")]),
    ("本月24日", D1226, [("本月24日", "DATE", "2024-12-24")]),
    ("上月", D1226, [("上月", "DATE", "2024-11")]),
    ("昨天和明日", D1226, [("昨天", "DATE", "2024-12-25"), ("明日", "DATE", "2024-12-27")]),
    ("新华社北京5日电", D1226, [("5日", "DATE", "2024-12-05")]),
    ("近日", D1226, [("近日", "DATE", "PAST_REF")]),
    ("近年来", D1226, [("近年来", "DATE", "PAST_REF")]),
    ("目前当前", D1226, [("目前", "DATE", "PRESENT_REF"), ("当前", "DATE", "PRESENT_REF")]),
    ("面向未来", D1226, [("未来", "DATE", "FUTURE_REF")]),
    ("新时代新征程", D1226, []),
    ("12月26日中午时分", D1226, [("12月26日中午", "TIME", "2024-12-26TMI")]),
    ("上午", D1226, [("上午", "TIME", "2024-12-26TMO")]),
    ("今天下午3点半", D1226, [("今天下午3点半", "TIME", "2024-12-26T15:30")]),
    ("三年", None, [("三年", "DURATION", "P3Y")]),
    ("20多年", None, [("20多年", "DURATION", "P20Y")]),
    ("3个月", None, [("3个月", "DURATION", "P3M")]),
    ("过去五年", None, [("过去五年", "DURATION", "P5Y")]),
    ("每年", None, [("每年", "SET", "P1Y")]),
    ("2024年以来", None, [("2024年以来", "DATE", "2024")]),
    ("1990年代", None, [("1990年代", "DATE", "199X")]),
    ("较短时间", D1226, []),
    ("今年4月8日組建以來", D1226, [("今年4月8日", "DATE", "2024-04-08")]),
    ("２０２４年", None, [("２０２４年", "DATE", "2024")]),
    # seed 004
    ("为推动全省上下形成共抓社会工作的浓厚氛围,12月26日,省委召开社会工作会议", D1226,
     [("12月26日", "DATE", "2024-12-26")]),
    ("四川社会工作还面临哪些挑战,未来将如何发力,重点任务又有哪些呢?", D1226, [("未来", "DATE", "FUTURE_REF")]),
    ("“这次会议让我们更加明确了当前社会工作面临的现状和挑战,让大家心中有数,对于未来更好开展工作意义重大。”"
     "12月26日中午时分,省委社会工作会议进入分组会议环节", D1226,
     [("当前", "DATE", "PRESENT_REF"), ("未来", "DATE", "FUTURE_REF"), ("12月26日中午", "TIME", "2024-12-26TMI")]),
    ("自今年4月8日组建以来,遂宁市委社工部按照", D1226, [("今年4月8日", "DATE", "2024-04-08")]),
    ("按照中央统一部署,今年,我省在较短时间内完成了省、市、县三级社会工作部门的组建", D1226,
     [("今年", "DATE", "2024")]),
    ("当前全省保持经济持续恢复向好", D1226, [("当前", "DATE", "PRESENT_REF")]),
    ("问未来:突出抓好三项重点任务", D1226, [("未来", "DATE", "FUTURE_REF")]),
    ("“回到绵阳的第一件事是召开部务虚会议,并认真谋划部署好2025年工作。”12月26日中午,"
     "参加完分组会议的绵阳市委社工部部长代宏顾不上午休,便立即打开笔记本", D1226,
     [("2025年", "DATE", "2025"), ("12月26日中午", "TIME", "2024-12-26TMI")]),
    ("会议明确了未来全省社会工作的重点任务,绵阳必须第一时间进行部署", D1226, [("未来", "DATE", "FUTURE_REF")]),
    ("四川就要聚焦这3项重点任务持续用力,确保一项项落到实处", D1226, []),
    ("具体而言,接下来,我省将试点建设一批社区综合服务体", D1226, [("接下来", "DATE", "FUTURE_REF")]),
    ("省委社工部相关负责人表示,接下来该部将强化政治机关建设", D1226, [("接下来", "DATE", "FUTURE_REF")]),
    ("2019年春节前夕", None, [("2019年春节", "DATE", "2019-02-05")]),
    ("2012年,甲。同年5月,乙。", None, [("2012年", "DATE", "2012"), ("同年5月", "DATE", "2012-05")]),
    ("上周五和本周一", D1226, [("上周五", "DATE", "2024-12-20"), ("本周一", "DATE", "2024-12-23")]),
    ("一周四次", None, [("一周", "DURATION", "P1W")]),
    ("元旦和国庆节", D1226, [("元旦", "DATE", "2024-01-01"), ("国庆节", "DATE", "2024-10-01")]),
    ("人员将来自各地", D1226, []),
    # seed 002 (Chinese parts)
    ("据新华社报道,近日举行的全国社会工作部部长、信访局局长座谈会显示", D0110, [("近日", "DATE", "PAST_REF")]),
    ("2024年,全国社会工作系统坚持和发展新时代“枫桥经验”", D0110, [("2024年", "DATE", "2024")]),
    # false dates
    ("体现在各个方面,从未来过这里", D1226, []),
    ("纪念建党75周年", D1226, []),
    ("之后天气转好", D1226, []),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), EN_CASES)
def test_english_cases(text: str, anchor: dt.date | None, expected: list) -> None:
    assert surfaces(find_dates_en(text, anchor), text) == expected


@pytest.mark.parametrize(("text", "anchor", "expected"), ZH_CASES)
def test_chinese_cases(text: str, anchor: dt.date | None, expected: list) -> None:
    assert surfaces(find_dates_zh(text, anchor), text) == expected


@pytest.mark.parametrize(
    ("finder", "text", "values"),
    [
        (find_dates_zh, "12月26日", ["XXXX-12-26"]),
        (find_dates_zh, "今年", ["XXXX"]),
        (find_dates_zh, "今年4月8日", ["XXXX-04-08"]),
        (find_dates_zh, "12月26日中午", ["XXXX-12-26TMI"]),
        (find_dates_zh, "本月24日", ["XXXX-XX-24"]),
        (find_dates_en, "On December 26, it rained.", ["XXXX-12-26"]),
        (find_dates_en, "last year", ["XXXX"]),
        (find_dates_en, "March last year", ["XXXX-03"]),
        (find_dates_en, "Last month", ["XXXX-XX"]),
    ],
)
def test_without_anchor_values_keep_placeholders(finder, text: str, values: list[str]) -> None:
    found = finder(text, None)
    assert [t.value for t in found] == values
    assert all(t.relative for t in found)


def test_relative_flag_and_granularity() -> None:
    text = "In March last year and on 2024-11-05 over 20 years"
    got = [(t.relative, t.granularity) for t in find_dates_en(text, D1226)]
    assert got == [(True, "month"), (False, "day"), (False, "duration")]
    zh = [(t.relative, t.granularity) for t in find_dates_zh("2024年12月26日,今年,近日,每年", D1226)]
    assert zh == [(False, "day"), (True, "year"), (True, "vague"), (False, "set")]


def test_partial_year_rule() -> None:
    assert pick_year(12, 26, D0106) == 2024  # seed 001: "On December 26" → 2024-12-26
    assert pick_year(1, 3, dt.date(2024, 12, 30)) == 2025  # closest is after the anchor
    assert pick_year(1, 3, dt.date(2024, 12, 30), past=True) == 2024
    assert pick_year(7, None, dt.date(2024, 1, 1)) == 2023  # tie (6 months either way) → earlier
    assert pick_year(2, 29, dt.date(2024, 12, 1)) == 2024
    assert pick_year(2, 30, D1226) is None
    assert partial_value(3, None, D1226, past=True) == "2024-03"
    assert partial_value(3, None, D1226) == "2025-03"
    assert partial_value(12, 26, None) == "XXXX-12-26"


def test_helpers() -> None:
    assert shift_month(2025, 1, -1) == (2024, 12)
    assert shift_month(2024, 12, 1) == (2025, 1)
    assert day_of_month_value(5, D1226) == "2024-12-05"
    assert day_of_month_value(28, D1226) == "2024-11-28"
    assert weekday_value(0, D1226) == "2024-12-23"  # Thursday anchor → previous Monday
    assert weekday_value(4, D1226, past=False) == "2024-12-27"
    assert weekday_value(3, D1226, relation="before") == "2024-12-19"  # "last Thursday" on a Thursday
    assert weekday_value(4, D1226, relation="last_week") == "2024-12-20"
    a, b, c = Timex(0, 5, "DATE", "2024", "year", False), Timex(3, 9, "DATE", "2024", "year", False), \
        Timex(9, 10, "DATE", "2024", "year", False)
    assert select([a, b, c]) == [b, c]
    assert valid_value("2024-12-26TMI") and valid_value("P300Y") and valid_value("XXXX-12-26")
    assert not valid_value("2024-13-01") and not valid_value("PAST") and not valid_value("P3")


FRAGMENTS = [
    "December 26th, 2024", "Dec. 26", "in 2024", "2024-11-05", "2025.01.06", "March last year", "last month",
    "in recent years", "over 300 years", "five-year plan", "every year", "We may have", "May the", "In May",
    "the 18th National Congress", "5100000062", "1.889 million", "currently", "in the future", "yesterday",
    "2024年12月26日", "二〇二四年十二月二十六日", "12月26日中午时分", "今年4月8日組建以來", "去年3月", "本月24日",
    "近年来", "三年", "20多年", "每年", "顾不上午休", "第一时间", "上午10时", "５日电", "目前", "未来五年",
    "1990年代", "周一", "2024年以来", "12", "月", "日", "年", "May", "26", "2024", "the same year", "同年",
    "Spring Festival", "春节", "接下来", "current work", "2019年春节",
]
FILLER = st.text(alphabet="abc XYZ,.-:/0123456789的了在年月日时\n", max_size=6)
DATE_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), FILLER), max_size=12).map("".join)
ANCHORS = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)))
TYPES = {"DATE", "TIME", "DURATION", "SET"}


@settings(max_examples=300, deadline=None)
@given(DATE_TEXT, ANCHORS)
def test_results_are_sorted_disjoint_and_valid(text: str, anchor: dt.date | None) -> None:
    for finder in (find_dates_en, find_dates_zh):
        found = finder(text, anchor)
        for prev, cur in zip(found, found[1:]):
            assert prev.end <= cur.start
        for t in found:
            assert 0 <= t.start < t.end <= len(text)
            assert text[t.start : t.end].strip()
            assert valid_value(t.value), t
            assert t.type in TYPES and t.granularity in GRANULARITIES
            if anchor is not None and t.type in ("DATE", "TIME") and not t.value.endswith("_REF"):
                assert "X" not in t.value.split("T")[0] or t.granularity == "decade", t
