"""Stage names, their tables and metrics files: the one place dvc.yaml is checked against."""

from __future__ import annotations

from dataclasses import dataclass

METRICS_DIR = "outputs/metrics"


@dataclass(frozen=True)
class StageIO:
    """What a stage reads and writes, relative to the repository root."""

    name: str
    summary: str
    inputs: dict[str, str]
    outputs: dict[str, str]

    @property
    def metrics(self) -> str:
        """The stage's counts (a DVC metrics file, kept in git so `dvc metrics diff` works)."""
        return f"{METRICS_DIR}/{self.name}.json"


_ALL = (
    StageIO(
        "ingest",
        "read seeds/ into clean article text; account for every input",
        {"seeds": "seeds"},
        {
            "ingested": "outputs/ingested.parquet",
            "rejects": "outputs/rejects.parquet",
            "removed": "outputs/removed.parquet",
        },
    ),
    StageIO(
        "detect",
        "language runs per paragraph and each document's languages",
        {"ingested": "outputs/ingested.parquet"},
        {"documents": "outputs/documents.parquet", "segments": "outputs/segments.parquet"},
    ),
    StageIO(
        "segment",
        "sentences and tokens in each language run",
        {"documents": "outputs/documents.parquet", "segments": "outputs/segments.parquet"},
        {"sentences": "outputs/sentences.parquet", "tokens": "outputs/tokens.parquet"},
    ),
    StageIO(
        "entities",
        "named entities in both languages, linked across languages",
        {"segments": "outputs/segments.parquet", "sentences": "outputs/sentences.parquet"},
        {"entities": "outputs/entities.parquet", "entity_links": "outputs/entity_links.parquet"},
    ),
    StageIO(
        "dates",
        "temporal expressions normalised to TIMEX3 values, resolved against each document's anchor",
        {"documents": "outputs/documents.parquet", "segments": "outputs/segments.parquet",
         "sentences": "outputs/sentences.parquet"},
        {"dates": "outputs/dates.parquet"},
    ),
    StageIO(
        "keyphrases",
        "ranked key phrases per document and language",
        {"segments": "outputs/segments.parquet", "tokens": "outputs/tokens.parquet"},
        {"keyphrases": "outputs/keyphrases.parquet"},
    ),
)

STAGES: dict[str, StageIO] = {s.name: s for s in _ALL}
"""Every DVC stage, in pipeline order."""
