"""The single source of truth for every table the pipeline writes.

Each table is a :class:`TableSpec`: its columns (name, Arrow type, meaning,
example), the keys its rows are sorted by, and the file it lives in under
``outputs/``.  ``docs/SCHEMA.md`` is generated from these specs
(``python -m pipeline schema-docs``) and a test fails when it is stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    """One column: Arrow type, whether nulls are allowed, and what it means."""

    name: str
    type: pa.DataType
    description: str
    example: str = ""
    nullable: bool = False


@dataclass(frozen=True)
class TableSpec:
    """A table: its columns, the sort order of its rows and its file name."""

    name: str
    description: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]
    written_by: str
    file: str = field(default="")

    @property
    def filename(self) -> str:
        return self.file or f"{self.name}.parquet"

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(
            [
                pa.field(
                    c.name,
                    c.type,
                    nullable=c.nullable,
                    metadata={"description": c.description},
                )
                for c in self.columns
            ],
            metadata={"table": self.name},
        )

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if not c.nullable)


STR = pa.string()
I32 = pa.int32()
I64 = pa.int64()
F64 = pa.float64()

DOC_ID = Column(
    "doc_id", STR, "Stable document id: the input's path relative to seeds/, extension dropped "
    "(kept when two inputs would otherwise share an id).", "004_f5268baeac44eb9c",
)
START = Column("start", I32, "Start offset, in code points, into documents.text (inclusive).", "57")
END = Column("end", I32, "End offset, in code points, into documents.text (exclusive).", "63")
LANG = Column("lang", STR, "ISO 639-1 language code (`zh`, `en`, `fr`, `ja`, …) or `und`.", "zh")


def _span_text(what: str) -> Column:
    return Column("text", STR, f"The {what} itself; always equals documents.text[start:end].", "樊邦平")


_DOC_META: tuple[Column, ...] = (
    DOC_ID,
    Column("path", STR, "Input path relative to seeds/, POSIX separators.", "004_f5268baeac44eb9c.txt"),
    Column("sha256", STR, "SHA-256 of the raw input bytes (hex).", "9f2c…"),
    Column("size_bytes", I64, "Size of the raw input in bytes.", "6243"),
    Column("format", STR, "Input format: `text`, `markdown` or `html`.", "text"),
    Column("encoding", STR, "Detected character encoding of the raw bytes.", "utf-8"),
    Column("title", STR, "Title or headline when the document states one.", "The CPC Sichuan …", True),
    Column("published", pa.date32(), "Publication date when the document states one.", "2025-01-06", True),
    Column("published_text", STR, "The text the publication date was read from.", "Updated:2025.01.06", True),
    Column("byline", STR, "Author(s) named in a byline, `; `-separated.", "樊邦平", True),
    Column("source", STR, "Outlet or publisher when visible (byline prefix, `Source:`, `Hosted by:`, site name).",
           "四川在线", True),
    Column("notes", STR, "What ingest repaired or noticed (truncated character dropped, NUL bytes removed…).",
           "removed 3 NUL characters", True),
    Column("n_removed_lines", I32, "How many source lines were removed as boilerplate (see table `removed`).", "14"),
    Column("text", STR, "Article text after boilerplate removal, NFC-normalised, one paragraph per line. "
           "Every offset in every table points into this string.", "四川在线记者 樊邦平\n…"),
    Column("n_chars", I32, "Length of `text` in code points.", "6012"),
)

INGESTED = TableSpec(
    name="ingested",
    description="Documents as read by `ingest`, before language detection. Internal hand-over to `detect`; "
    "analysts want `documents`, which has the same columns plus the language ones.",
    columns=_DOC_META,
    sort_by=("doc_id",),
    written_by="ingest",
)

DOCUMENTS = TableSpec(
    name="documents",
    description="One row per processed input document, with its cleaned text and languages.",
    columns=_DOC_META
    + (
        Column("lang", STR, "Dominant language: the one with the largest share of non-space characters.", "zh"),
        Column(
            "lang_shares",
            pa.list_(pa.struct([pa.field("lang", STR, nullable=False), pa.field("share", F64, nullable=False)])),
            "Share of non-space characters per language, largest first.",
            "[{lang: en, share: 0.93}, {lang: zh, share: 0.07}]",
        ),
        Column("script", STR, "ISO 15924 script of the dominant language (`Hans`, `Hant`, `Latn`, `Jpan`, …).", "Hans"),
        Column("zh_script", STR, "`Hans` or `Hant` for the document's Chinese text, by OpenCC comparison; "
               "null when it has none.", "Hans", True),
    ),
    sort_by=("doc_id",),
    written_by="detect",
)

REJECTS = TableSpec(
    name="rejects",
    description="Every input that could not be processed, with the reason. inputs = documents + rejects.",
    columns=(
        Column("path", STR, "Input path relative to seeds/.", "empty.txt"),
        Column("reason", STR, "Machine-readable reason: `empty`, `whitespace_only`, `binary`, `undecodable`, "
               "`unsupported_type`, `too_large`, `duplicate`, `no_article_text`, `unreadable`, `symlink`.", "empty"),
        Column("detail", STR, "Human-readable explanation.", "the file has 0 bytes"),
        Column("size_bytes", I64, "Size in bytes when it could be read.", "0", True),
        Column("sha256", STR, "SHA-256 of the bytes when they could be read.", "e3b0…", True),
    ),
    sort_by=("path",),
    written_by="ingest",
)

REMOVED = TableSpec(
    name="removed",
    description="Source lines that ingest removed as not article text, and why.",
    columns=(
        DOC_ID,
        Column("line_no", I32, "0-based line number in the decoded source (HTML: in the extracted text).", "3"),
        Column("kind", STR, "`navigation`, `placeholder`, `footer`, `author_bio`, `comment_prompt`, "
               "`related_links`, `credit`.", "navigation"),
        Column("text", STR, "The removed line.", "Open Governance"),
    ),
    sort_by=("doc_id", "line_no"),
    written_by="ingest",
)

SEGMENTS = TableSpec(
    name="segments",
    description="Language runs: each paragraph split where the language switches.",
    columns=(
        DOC_ID,
        Column("seg_id", I32, "Run number within the document, in text order.", "0"),
        Column("para_id", I32, "Paragraph (line) number within documents.text.", "0"),
        START,
        END,
        _span_text("run"),
        LANG,
        Column("script", STR, "ISO 15924 script: `Hans`, `Hant`, `Latn`, `Jpan`, `Kore`, `Cyrl`, `Zyyy` "
               "(digits and punctuation only).", "Latn"),
        Column("score", F64, "Confidence of the language label (1.0 when the script decides it).", "0.98"),
    ),
    sort_by=("doc_id", "seg_id"),
    written_by="detect",
)

SENTENCES = TableSpec(
    name="sentences",
    description="Sentences, each inside one language run.",
    columns=(
        DOC_ID,
        Column("sent_id", I32, "Sentence number within the document, in text order.", "12"),
        Column("seg_id", I32, "The language run (segments.seg_id) the sentence belongs to.", "3"),
        Column("para_id", I32, "Paragraph (line) number within documents.text.", "2"),
        START,
        END,
        _span_text("sentence"),
        LANG,
    ),
    sort_by=("doc_id", "sent_id"),
    written_by="segment",
)

TOKENS = TableSpec(
    name="tokens",
    description="Tokens with part of speech; whitespace is not a token.",
    columns=(
        DOC_ID,
        Column("tok_id", I32, "Token number within the document, in text order.", "301"),
        Column("sent_id", I32, "The sentence (sentences.sent_id) the token belongs to.", "12"),
        START,
        END,
        _span_text("token"),
        LANG,
        Column("norm", STR, "Normalised form: OpenCC-simplified for Chinese, lower case otherwise.", "会议"),
        Column("lemma", STR, "Lemma (English, from spaCy); null where the language has none.", "hold", True),
        Column("pos", STR, "Universal POS tag (mapped from jieba tags for Chinese).", "PROPN", True),
        Column("tag", STR, "Native tag: jieba/ICTCLAS tag for Chinese, Penn Treebank for English.", "nr", True),
    ),
    sort_by=("doc_id", "tok_id"),
    written_by="segment",
)

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART",
                 "LANGUAGE", "TITLE")

ENTITIES = TableSpec(
    name="entities",
    description="Named-entity mentions in both languages with one label set (OntoNotes names plus TITLE). "
    "Mentions do not overlap, except an ORG/GPE/LOC inside a TITLE.",
    columns=(
        DOC_ID,
        Column("ent_id", I32, "Mention number within the document, in text order.", "7"),
        Column("sent_id", I32, "The sentence (sentences.sent_id) holding the mention.", "3"),
        START,
        END,
        _span_text("mention"),
        Column("label", STR, f"One of {', '.join(ENTITY_LABELS)}.", "PERSON"),
        LANG,
        Column("norm", STR, "Canonical form: the lexicon's name in the mention's language when known, "
               "else the (simplified) surface.", "王晓晖"),
        Column("translit", STR, "Pinyin of Chinese person and place names (as printed in English).",
               "Wang Xiaohui", True),
        Column("entity_key", STR, "Identity of the entity, shared by Chinese and English mentions of the same "
               "one: a lexicon key (`CN-SC`, `TPL-P-PARTY-COMMITTEE@CN-SC`), `PER:<pinyin letters>`, or "
               "`<LABEL>:<lang>:<norm>` when it cannot be linked.", "PER:wangxiaohui"),
        Column("source", STR, "Extractor(s): `lexicon`, `lac`, `spacy`, `jieba`, `rule:…`; `+org` when a "
               "post took in its organisation.", "lexicon+org"),
        Column("score", F64, "Confidence by source: lexicon 1.0, rules 0.9, models 0.8, POS tags 0.5.", "0.8"),
    ),
    sort_by=("doc_id", "ent_id"),
    written_by="entities",
)

ENTITY_LINKS = TableSpec(
    name="entity_links",
    description="Each entity key with its surfaces per language and their counts: the cross-lingual links.",
    columns=(
        Column("entity_key", STR, "entities.entity_key.", "PER:wangxiaohui"),
        Column("label", STR, "Entity label.", "PERSON"),
        Column("lang", STR, "Language of the surface.", "en"),
        Column("surface", STR, "A surface form as written (Chinese as written, not simplified).", "Wang Xiaohui"),
        Column("n_mentions", I32, "Mentions with this key, language and surface.", "9"),
        Column("n_docs", I32, "Documents with such a mention.", "2"),
        Column("cross_lingual", pa.bool_(), "True when the key has mentions in Chinese and in English.", "true"),
    ),
    sort_by=("entity_key", "label", "lang", "surface"),
    written_by="entities",
)

DATES = TableSpec(
    name="dates",
    description="Temporal expressions in both languages, normalised to TIMEX3-style values; relative ones "
    "resolved against the document's anchor date.",
    columns=(
        DOC_ID,
        Column("date_id", I32, "Expression number within the document, in text order.", "0"),
        Column("sent_id", I32, "The sentence (sentences.sent_id) holding the expression.", "1"),
        START,
        END,
        _span_text("expression"),
        LANG,
        Column("value", STR, "TIMEX3 value: `2024-12-26`, `2024-03`, `2024`, `P300Y`, `PAST_REF`, "
               "`2024-12-26TMI`; `XXXX-12-26` when no anchor could be found.", "2024-04-08"),
        Column("type", STR, "`DATE`, `TIME`, `DURATION` or `SET`.", "DATE"),
        Column("granularity", STR, "`day`, `month`, `year`, `decade`, `time`, `duration`, `set`, `vague`.", "day"),
        Column("relative", pa.bool_(), "True when the value depended on the anchor (今年, last year, 12月26日…).",
               "true"),
        Column("anchor", pa.date32(), "The document's anchor date used to resolve relative expressions.",
               "2024-12-26", True),
        Column("anchor_source", STR, "How the anchor was found: `published`, `latest_full_date`, "
               "`partial_date+planned_year`, `partial_date+year_mentioned`, `partial_date+corpus`, "
               "`year_mentioned`, `none`.", "published"),
    ),
    sort_by=("doc_id", "date_id"),
    written_by="dates",
)

KEYPHRASES = TableSpec(
    name="keyphrases",
    description="Ranked key phrases per document and language run language.",
    columns=(
        DOC_ID,
        LANG,
        Column("rank", I32, "1 = best; contiguous within (doc_id, lang).", "1"),
        Column("phrase", STR, "The phrase as written in the text.", "基层治理"),
        Column("score", F64, "Ranking score (higher is better; comparable within one document and language).",
               "0.083"),
        Column("method", STR, "`yake`, `textrank`, `tfidf`, `quoted` or a `+` combination.", "textrank+quoted"),
        Column("count", I32, "Occurrences of the phrase in the document's runs of that language.", "4"),
        Column("first_start", I32, "Offset into documents.text of the first occurrence.", "512"),
    ),
    sort_by=("doc_id", "lang", "rank"),
    written_by="keyphrases",
)

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (DOCUMENTS, REJECTS, REMOVED, SEGMENTS, SENTENCES, TOKENS, ENTITIES, ENTITY_LINKS, DATES, KEYPHRASES,
              INGESTED)
}
"""Every table, in the order docs/SCHEMA.md lists them."""

SPAN_TABLES: tuple[str, ...] = ("segments", "sentences", "tokens", "entities", "dates")
"""Tables whose rows are spans of documents.text (start, end, text)."""
