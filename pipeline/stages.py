"""Stage names and their table paths: the one place dvc.yaml's deps/outs are checked against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageIO:
    """What a stage reads and writes, relative to the repository root."""

    summary: str
    inputs: dict[str, str]
    outputs: dict[str, str]


STAGES: dict[str, StageIO] = {
    "ingest": StageIO(
        "read seeds/ into clean article text; account for every input",
        {"seeds": "seeds"},
        {
            "ingested": "outputs/ingested.parquet",
            "rejects": "outputs/rejects.parquet",
            "removed": "outputs/removed.parquet",
        },
    ),
    "detect": StageIO(
        "language runs per paragraph and each document's languages",
        {"ingested": "outputs/ingested.parquet"},
        {"documents": "outputs/documents.parquet", "segments": "outputs/segments.parquet"},
    ),
    "segment": StageIO(
        "sentences and tokens in each language run",
        {"documents": "outputs/documents.parquet", "segments": "outputs/segments.parquet"},
        {"sentences": "outputs/sentences.parquet", "tokens": "outputs/tokens.parquet"},
    ),
}
"""Every DVC stage, in pipeline order."""
