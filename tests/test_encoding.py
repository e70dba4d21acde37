"""Tests for pipeline.encoding.decode_bytes."""
from __future__ import annotations

import codecs
import pickle
import random
import re
import struct
import time
import zlib
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.encoding import CANONICAL, DecodeError, Decoded, decode_bytes

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_f5268baeac44eb9c.txt"
FRENCH = "Le président a déclaré à l'Assemblée « nous ferons mieux » — c’était prévu."


@pytest.fixture(scope="module")
def simplified() -> str:
    text = SEED.read_text(encoding="utf-8")[:2000]
    assert len(text) == 2000 and sum("\u4e00" <= c <= "\u9fff" for c in text) > 1000
    return text


@pytest.fixture(scope="module")
def traditional(simplified: str) -> str:
    text = opencc.OpenCC("s2tw").convert(simplified)
    assert text != simplified
    text.encode("cp950")  # every character must be encodable: no silent loss
    return text


def sentences(text: str) -> list[str]:
    """Sentences of at least 8 characters, ending punctuation included."""
    return [s for s in re.split(r"(?<=[。?!])", text.replace("\n", "")) if len(s) >= 8]


def check(data: bytes, text: str, encoding: str, **kw: str) -> Decoded:
    res = decode_bytes(data, **kw)
    assert res.encoding == encoding
    assert res.text == text
    assert res.encoding in CANONICAL
    return res


# --- Unicode -------------------------------------------------------------------------------

def test_utf8_without_bom(simplified: str) -> None:
    assert check(simplified.encode("utf-8"), simplified, "utf-8").note is None


def test_utf8_with_bom_drops_bom(simplified: str) -> None:
    res = check(codecs.BOM_UTF8 + simplified.encode("utf-8"), simplified, "utf-8-sig")
    assert not res.text.startswith("\ufeff") and res.note is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_utf32_with_bom(simplified: str, codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    check(bom + simplified.encode(codec), simplified, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_chinese(simplified: str, codec: str) -> None:
    check(simplified.encode(codec), simplified, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_without_bom_english(codec: str) -> None:
    text = "The minister said on Tuesday that talks would resume.\n" * 20
    check(text.encode(codec), text, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_cjk_only(simplified: str, codec: str) -> None:
    """(Almost) no NUL bytes: detection relies on a clean, CJK-looking decoding."""
    text = re.sub(r"[\x00-\x7f]", "", simplified)
    assert text.encode(codec).count(0) < len(text) * 0.05
    check(text.encode(codec), text, codec)


def test_utf8_truncated_last_character(simplified: str) -> None:
    head = simplified[:500]
    assert "\u4e00" <= simplified[500] <= "\u9fff"
    for keep in (1, 2):
        data = head.encode("utf-8") + simplified[500].encode("utf-8")[:keep]
        res = check(data, head, "utf-8")
        assert res.note is not None and f"dropped {keep} byte" in res.note


def test_utf8_with_stray_nul_bytes(simplified: str) -> None:
    text = simplified[:100] + "\x00" + simplified[100:900] + "\x00\x00" + simplified[900:]
    check(text.encode("utf-8"), text, "utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                                  st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                                  st.sampled_from("\t\n\r")), min_size=1))
def test_property_utf8_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")).text == text


# --- legacy CJK ----------------------------------------------------------------------------

def test_gb18030_long(simplified: str) -> None:
    assert check(simplified.encode("gb18030"), simplified, "gb18030").note is None


def test_big5_long(traditional: str) -> None:
    assert check(traditional.encode("cp950"), traditional, "big5").note is None


def chunks(text: str, size: int) -> list[str]:
    """Consecutive pieces of ``size`` Han characters (no punctuation, no ASCII)."""
    return [run[i:i + size] for run in re.findall(r"[\u4e00-\u9fff]+", text)
            for i in range(0, len(run) - size + 1, size)]


def clean_in(data: bytes, codec: str) -> bool:
    """True if ``data`` also decodes under ``codec`` with no error and no private-use character."""
    try:
        return not re.search("[\ue000-\uf8ff]", data.decode(codec))
    except UnicodeDecodeError:
        return False


def test_big5_that_is_also_clean_gbk(traditional: str) -> None:
    """The hard case the scorer exists for: Big5 bytes that are valid, PUA-free GBK too."""
    tricky = [c for c in chunks(traditional, 6) if clean_in(c.encode("cp950"), "gb18030")]
    assert len(tricky) >= 10
    for chunk in tricky:
        check(chunk.encode("cp950"), chunk, "big5")


def test_gb18030_that_is_also_clean_big5(simplified: str) -> None:
    tricky = [c for c in chunks(simplified, 6) if clean_in(c.encode("gb18030"), "cp950")]
    assert len(tricky) >= 10
    for chunk in tricky:
        check(chunk.encode("gb18030"), chunk, "gb18030")


def test_short_sentences_told_apart(simplified: str) -> None:
    s2tw = opencc.OpenCC("s2tw")
    sents = sentences(simplified)
    assert len(sents) >= 10
    for sent in sents:
        check(sent.encode("gb18030"), sent, "gb18030")
        trad = s2tw.convert(sent)
        check(trad.encode("cp950"), trad, "big5")


# --- ASCII / Latin ---------------------------------------------------------------------------

def test_ascii_english() -> None:
    text = "Stocks rose 2.5% on Monday.\r\nAnalysts expect more gains.\n"
    assert check(text.encode("ascii"), text, "ascii").note is None


def test_french_cp1252() -> None:
    check(FRENCH.encode("cp1252"), FRENCH, "cp1252")


def test_short_cp1252_ending_in_lead_byte_is_not_truncated_utf8() -> None:
    """b"caf\xe9" looks like ASCII + a truncated UTF-8 character; cp1252 is the better reading."""
    check("café".encode("cp1252"), "café", "cp1252")


def test_latin1_when_cp1252_cannot_decode() -> None:
    """0x81 is undefined in cp1252, so only latin-1 decodes it (as a C1 control)."""
    text = "Der Präsident erklärte, die Straße bleibe gesperrt.\x81 Überraschend für viele."
    check(text.encode("latin-1"), text, "latin-1")


@pytest.mark.parametrize("rare", ["魑魅魍魉 and 饕餮", bytes.fromhex("d8c1e0c5f0e9e5d0").decode("gb18030")])
def test_cjk_mojibake_is_never_accepted_as_cp1252(rare: str) -> None:
    """Rare characters score low as GB18030, but their bytes must not become cp1252 mojibake
    (the second case reads as cp1252 letters only: "ØÁàÅðéåÐ")."""
    data = f"Reporters saw {rare} at the museum.".encode("gb18030")
    try:
        res = decode_bytes(data)
    except DecodeError as err:
        assert err.reason == "undecodable"
    else:
        assert res.encoding == "gb18030"


# --- declared labels -------------------------------------------------------------------------

def test_declared_correct_label_used(simplified: str) -> None:
    assert check(simplified.encode("gb18030"), simplified, "gb18030", declared="GB2312").note is None
    assert check(FRENCH.encode("cp1252"), FRENCH, "cp1252", declared="iso-8859-1").note is None


@pytest.mark.parametrize("label", ["big5", "gbk", "windows-1252", "x-no-such-charset"])
def test_declared_wrong_label_ignored_for_utf8(simplified: str, label: str) -> None:
    res = check(simplified.encode("utf-8"), simplified, "utf-8", declared=label)
    assert res.note is not None and label in res.note


def test_declared_cjk_label_ignored_for_latin_text_that_is_valid_gbk() -> None:
    text = "Die Größe der Müller-Fabrik überrascht."
    data = text.encode("cp1252")
    assert clean_in(data, "gb18030")  # GBK would accept it; the score must say no
    check(data, text, "cp1252", declared="gbk")


def test_declared_wrong_cjk_label_ignored(simplified: str, traditional: str) -> None:
    check(traditional.encode("cp950"), traditional, "big5", declared="gbk")
    check(simplified.encode("gb18030"), simplified, "gb18030", declared="big5")
    check(FRENCH.encode("cp1252"), FRENCH, "cp1252", declared="gb2312")


# --- rejects ---------------------------------------------------------------------------------

def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    pixels = zlib.compress(b"".join(b"\x00" + bytes(range(48)) for _ in range(16)))
    ihdr = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_png_is_binary() -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(_png())
    assert err.value.reason == "binary" and "PNG" in err.value.detail


@pytest.mark.parametrize("head,name", [(b"GIF89a\x10\x00\x10\x00\x80\x00\x00", "GIF"),
                                       (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF")])
def test_text_like_signatures_with_binary_body(head: bytes, name: str) -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(head + random.Random(1).randbytes(2000))
    assert err.value.reason == "binary" and name in err.value.detail


def test_high_bytes_with_some_nuls_are_binary() -> None:
    """Few control bytes (3%), but not UTF-8 either: binary, not "undecodable"."""
    rng = random.Random(1)
    data = bytearray(rng.randrange(0x80, 0x100) for _ in range(4000))
    for i in rng.sample(range(4000), 120):
        data[i] = 0
    with pytest.raises(DecodeError) as err:
        decode_bytes(bytes(data))
    assert err.value.reason == "binary"


def test_int16_array_with_utf16_nul_pattern_is_binary() -> None:
    """Little-endian numbers < 256 have UTF-16-LE's NUL pattern but decode to control chars."""
    with pytest.raises(DecodeError) as err:
        decode_bytes(struct.pack("<2048H", *(i % 256 for i in range(2048))))
    assert err.value.reason == "binary"


def test_random_bytes_are_binary() -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(random.Random(0).randbytes(4096))
    assert err.value.reason == "binary" and "control" in err.value.detail


def test_empty() -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"")
    assert err.value.reason == "empty"


def test_text_starting_like_a_signature_is_text() -> None:
    check(b"MZ Holdings posted a profit.", "MZ Holdings posted a profit.", "ascii")


def test_decode_error_pickles() -> None:
    err = pickle.loads(pickle.dumps(DecodeError("binary", "x")))
    assert (err.reason, err.detail, str(err)) == ("binary", "x", "binary: x")


def test_large_inputs_are_fast(simplified: str) -> None:
    big = (simplified * (30_000_000 // len(simplified.encode("utf-8")) + 1)).encode("utf-8")
    start = time.perf_counter()
    assert decode_bytes(big).encoding == "utf-8"
    gb = (simplified * (5_000_000 // len(simplified.encode("gb18030")) + 1)).encode("gb18030")
    assert decode_bytes(gb).encoding == "gb18030"
    assert time.perf_counter() - start < 5.0


def test_utf8_with_one_corrupt_byte_is_repaired_not_misread():
    zh = "四川省委召开社会工作会议，认真学习贯彻总书记的重要论述。".encode() * 20
    en = "He said: “We must strengthen grassroots governance” — and left.".encode() * 20
    for good in (zh, en):
        cut = len(good.decode()[:10].encode())
        broken = good[:cut] + b"\xff" + good[cut:]
        res = decode_bytes(broken)
        assert res.encoding == "utf-8" and "replaced 1 invalid" in (res.note or "")
        assert res.text.replace("\ufffd", "") == good.decode()
