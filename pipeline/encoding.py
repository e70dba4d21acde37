"""Detect the encoding of raw bytes and decode them (pure, deterministic, no I/O).

Order: empty, BOM, binary signature, UTF-32/16 without BOM, control-byte share, ASCII, UTF-8,
GB18030 vs Big5 (scored by common Chinese characters), cp1252/latin-1.  Only a sample is scored.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

import opencc

CANONICAL = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be",
             "gb18030", "big5", "ascii", "cp1252", "latin-1")

_SAMPLE_BYTES = 65_536      # bytes inspected for NUL patterns / control share
_SAMPLE_CHARS = 100_000     # characters scored for plausibility
_MIN_CJK = 0.35             # share of common characters needed to accept GB18030/Big5
_MARGIN = 0.15              # how much the winner must beat the other CJK decoding by

# ~1500 most frequent simplified Chinese characters (by corpus frequency, roughly ordered).
_COMMON_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方"
    "多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情"
    "明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给"
    "世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太"
    "量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象"
    "完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济"
    "车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚"
    "请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历"
    "首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音"
    "跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值"
    "仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤"
    "素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担"
    "州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控"
    "税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮"
    "露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康"
    "虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣"
    "择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸"
    "诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞"
    "努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振"
    "染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽"
    "烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾"
    "牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启"
    "尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁"
    "御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪"
    "矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑"
)
_PUNCT = ",。、:;?!“”‘’《》()「」『』…—·"
_COMMON = frozenset(_COMMON_SIMPLIFIED + _PUNCT
                    + opencc.OpenCC("s2t").convert(_COMMON_SIMPLIFIED)
                    + opencc.OpenCC("s2tw").convert(_COMMON_SIMPLIFIED))

_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"%PDF-": "PDF",
          b"PK\x03\x04": "ZIP/Office", b"PK\x05\x06": "ZIP", b"\x1f\x8b": "gzip", b"\x7fELF": "ELF",
          b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz", b"7z\xbc\xaf\x27\x1c": "7-Zip", b"Rar!\x1a\x07": "RAR",
          b"\x28\xb5\x2f\xfd": "zstd", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "OLE2 doc/xls",
          b"SQLite format 3\x00": "SQLite", b"\xca\xfe\xba\xbe": "Java class/Mach-O", b"MZ": "DOS/PE",
          b"OggS": "Ogg", b"ID3": "MP3", b"RIFF": "RIFF", b"\x1a\x45\xdf\xa3": "Matroska/WebM"}
_CTRL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_NOT_CTRL = bytes(b for b in range(256) if b not in _CTRL)
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\ufffe\uffff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_CJKISH = re.compile("[\t\n\r\f\x20-\x7e\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’…—·]")
_LATIN_PUNCT = frozenset("\xa0‘’“”–—…€£¥©®°·§«»¿¡•™")
_LABELS = {**{n: n for n in CANONICAL + ("utf-16", "utf-32")}, "utf-8-sig": "utf-8",
           "gb2312": "gb18030", "gbk": "gb18030", "cp950": "big5", "big5hkscs": "big5",
           "iso8859-1": "latin-1"}  # codecs.lookup() name -> canonical family


@dataclass(frozen=True)
class Decoded:
    """Decoded text (BOM dropped, nothing else changed), canonical encoding and repair note."""

    text: str
    encoding: str
    note: str | None = None


class DecodeError(Exception):
    """Bytes that cannot be text; ``reason`` is "empty", "binary" or "undecodable"."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


def _strict(data: bytes, codec: str) -> str | None:
    """Strictly decode ``data`` or return None."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _sample(text: str) -> str:
    """At most _SAMPLE_CHARS characters; starts later only if the first non-ASCII one is late."""
    m = _NON_ASCII.search(text, _SAMPLE_CHARS // 2)
    start = m.start() if m and not _NON_ASCII.search(text, 0, _SAMPLE_CHARS // 2) else 0
    return text[start:start + _SAMPLE_CHARS]


def _bad_share(text: str) -> float:
    """Share of control / private-use / replacement characters in a sample."""
    s = _sample(text)
    return len(_BAD_CHARS.findall(s)) / max(len(s), 1)


def _cjk_score(text: str) -> float:
    """Share of non-ASCII characters that are common Chinese characters or punctuation."""
    non_ascii = _NON_ASCII.findall(_sample(text))
    return sum(c in _COMMON for c in non_ascii) / len(non_ascii) if non_ascii else 0.0


def _latin_ok(text: str) -> bool:
    """True for mostly-ASCII text whose other characters are letters or usual punctuation."""
    s = _sample(text)
    non_ascii = _NON_ASCII.findall(s)
    if not non_ascii or len(non_ascii) > 0.5 * len(s) or _bad_share(s) > 0.02:
        return False
    good = sum(c.isalpha() or c in _LATIN_PUNCT for c in non_ascii)
    runs = sum(map(len, _NON_ASCII_RUN.findall(s)))  # CJK mojibake comes in long runs
    return good >= 0.8 * len(non_ascii) and runs <= 0.3 * len(non_ascii)


def _utf8(data: bytes) -> Decoded | UnicodeDecodeError:
    """Strict UTF-8, tolerating only an incomplete character in the last 1-3 bytes."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        cut = len(data) - e.start
        if e.reason != "unexpected end of data" or e.end != len(data) or cut > 3:
            return e
        note = f"dropped {cut} byte{'s' * (cut > 1)} of a truncated UTF-8 character at end of file"
        return Decoded(data[:e.start].decode("utf-8"), "utf-8", note)


def _utf8_repaired(data: bytes) -> Decoded | None:
    """UTF-8 with a handful of corrupt bytes: replace them (U+FFFD) rather than pick a legacy codec.

    Legacy CJK bytes read as UTF-8 fail on most of their high bytes, so a tiny
    share of invalid sequences among many valid multi-byte ones means damaged UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    if "\ufffd".encode() in data:
        return None
    spots = len(re.findall("\ufffd+", text))
    n_high = len(data.translate(None, bytes(range(128))))
    if 0 < spots <= max(1, len(data) // 1000) and text.count("\ufffd") * 100 <= n_high:
        return Decoded(text, "utf-8", f"replaced {spots} invalid UTF-8 byte sequence{'s' * (spots > 1)} with U+FFFD")
    return None


def _bom(data: bytes) -> Decoded | None:
    """Decode by byte-order mark (UTF-32 checked before UTF-16)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                       (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            body = data[len(bom):]
            if codec == "utf-8-sig":
                res = _utf8(body)
                return replace(res, encoding=codec) if isinstance(res, Decoded) else None
            return _wide(body, codec, require_cjk=False, bom=True)
    return None


def _wide(data: bytes, codec: str, *, require_cjk: bool, bom: bool = False) -> Decoded | None:
    """Decode UTF-16/32; accept clean, printable results (CJK-looking ones if ``require_cjk``)."""
    unit = 4 if codec.startswith("utf-32") else 2
    extra = len(data) % unit
    text = _strict(data[:len(data) - extra], codec)
    if text is None or (not bom and _bad_share(text) > 0.02):
        return None
    if require_cjk:
        s = _sample(text)
        if len(_CJKISH.findall(s)) < 0.95 * len(s) or _cjk_score(s) < _MIN_CJK:
            return None
    note = (f"dropped {extra} trailing byte{'s' * (extra > 1)} of a truncated {codec.upper()} "
            "code unit at end of file") if extra else None
    return Decoded(text, codec, note)


def _sniff_wide(data: bytes, utf8_ok: bool) -> Decoded | None:
    """UTF-32/UTF-16 without BOM: NUL-byte pattern, or clean CJK-only UTF-16."""
    s = data[:_SAMPLE_BYTES]
    if len(s) >= 4 and len(data) % 4 == 0:
        z = [s[i::4].count(0) / (len(s) // 4) for i in range(4)]
        for codec, zero, nonzero in (("utf-32-le", (2, 3), 0), ("utf-32-be", (0, 1), 3)):
            if min(z[i] for i in zero) > 0.95 and z[nonzero] < 0.05:
                if res := _wide(data, codec, require_cjk=False):
                    return res
    if len(s) >= 2:
        even, odd = s[0::2].count(0) / len(s[0::2]), s[1::2].count(0) / len(s[1::2])
        if odd >= 0.2 and even <= 0.05:
            return _wide(data, "utf-16-le", require_cjk=False)
        if even >= 0.2 and odd <= 0.05:
            return _wide(data, "utf-16-be", require_cjk=False)
    if not utf8_ok and len(data) % 2 == 0:
        return _wide(data, "utf-16-le", require_cjk=True) or _wide(data, "utf-16-be", require_cjk=True)
    return None


def _binary(data: bytes, utf8_ok: bool) -> str | None:
    """Why ``data`` looks binary (signature or control-byte share), else None."""
    s = data[:_SAMPLE_BYTES]
    ctrl = len(s.translate(None, _NOT_CTRL))
    share = ctrl / len(s)
    what = f"{share:.0%} of the first {len(s)} bytes are control characters; looks like binary data"
    for sig, name in _MAGIC.items():
        # Printable signatures ("%PDF-", "MZ", ...) only count when the bytes are not clean text.
        if data.startswith(sig) and (not sig.isascii() or not sig.decode().isprintable()
                                     or ctrl or not utf8_ok):
            return f"{what} ({name} signature)"
    if data[4:8] == b"ftyp" and data[:1] == b"\x00":
        return f"{what} (MP4/QuickTime signature)"
    return what if share > 0.10 or (share > 0.01 and not utf8_ok) else None


def _legacy(data: bytes, want: str | None) -> Decoded | None:
    """GB18030 vs Big5 by common-character score (``want``: declared label), then cp1252/latin-1."""
    raw = {"gb18030": _strict(data, "gb18030"),
           "big5": _strict(data, "cp950") or _strict(data, "big5hkscs")}
    texts = {k: t for k, t in raw.items() if t is not None}
    scores = {k: _cjk_score(t) for k, t in texts.items()}
    if scores:
        best = max(scores, key=scores.__getitem__)
        other = min(scores.values()) if len(scores) == 2 else 0.0
        if want in scores and scores[want] >= 0.2 and scores[want] + _MARGIN > scores[best]:
            return Decoded(texts[want], want)
        if scores[best] >= _MIN_CJK:
            note = None if scores[best] >= other + _MARGIN else (
                f"ambiguous GB18030/Big5 (common-character scores {scores['gb18030']:.2f} vs "
                f"{scores['big5']:.2f}); chose {best}")
            return Decoded(texts[best], best, note)
    for codec in ("cp1252", "latin-1"):
        if (text := _strict(data, codec)) is not None and _latin_ok(text):
            return Decoded(text, codec)
    return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text, detecting its encoding; ``declared`` is a hint used when it fits.

    Raises DecodeError("empty" | "binary" | "undecodable").
    """
    try:
        want = _LABELS.get(codecs.lookup(declared.strip()).name) if declared else None
    except LookupError:
        want = None
    res = _detect(data, want)
    if declared and res.encoding != "ascii" and not (
            want and (res.encoding.startswith(want) or {want, res.encoding} <= {"cp1252", "latin-1"})):
        extra = f"declared charset {declared!r} ignored"
        res = replace(res, note=f"{res.note}; {extra}" if res.note else extra)
    return res


def _detect(data: bytes, want: str | None) -> Decoded:
    """Detection pipeline behind decode_bytes."""
    if not data:
        raise DecodeError("empty", "input is empty (0 bytes)")
    if res := _bom(data):
        return res
    utf8 = _utf8(data)
    utf8_ok = isinstance(utf8, Decoded)
    if not (why := _binary(data, utf8_ok)) or "signature" not in why:
        if res := _sniff_wide(data, utf8_ok):
            return res
    if why:
        raise DecodeError("binary", why)
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii")
    # ASCII + one trailing lead byte is more likely cp1252 (b"caf\xe9") than truncated UTF-8.
    if isinstance(utf8, Decoded) and not (utf8.text.isascii() and len(data) - len(utf8.text) == 1):
        return utf8
    if res := _utf8_repaired(data):
        return res
    if res := _legacy(data, want):
        return res
    if isinstance(utf8, Decoded):
        return utf8
    bad = data[utf8.start]
    raise DecodeError("undecodable", f"not valid UTF-8 (byte 0x{bad:02X} at offset {utf8.start}: "
                      f"{utf8.reason}), and neither GB18030/Big5 nor cp1252/latin-1 gives plausible text")
