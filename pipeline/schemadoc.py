"""Generate docs/SCHEMA.md from :mod:`pipeline.schema` (and check it is current)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.schema import TABLES, TableSpec

HEADER = """# Output tables

Generated from `pipeline/schema.py` by `python -m pipeline schema-docs`; do not edit by hand
(a test fails when this file is stale). Every table is a Parquet file under `outputs/`.

Conventions: `doc_id` is stable (the input's path under `seeds/`); `start`/`end` are half-open
code-point offsets into `documents.text`, and `text == documents.text[start:end]` on every span row;
rows are sorted by the keys given for each table; ids (`seg_id`, `sent_id`, `tok_id`) count from 0
within a document, in text order.
"""


def _table_markdown(spec: TableSpec) -> str:
    lines = [
        f"## `{spec.name}`",
        "",
        spec.description,
        "",
        f"File `outputs/{spec.filename}`, written by stage `{spec.written_by}`, "
        f"sorted by {', '.join(f'`{k}`' for k in spec.sort_by)}.",
        "",
        "| column | type | null | meaning | example |",
        "|---|---|---|---|---|",
    ]
    for col in spec.columns:
        example = col.example.replace("|", "\\|").replace("\n", "\\n")
        meaning = col.description.replace("|", "\\|")
        lines.append(f"| `{col.name}` | {col.type} | {'yes' if col.nullable else 'no'} | {meaning} | {example} |")
    return "\n".join(lines) + "\n"


def render() -> str:
    """The whole SCHEMA.md text."""
    return HEADER + "\n" + "\n".join(_table_markdown(spec) for spec in TABLES.values())


def write_or_check(path: str, *, check: bool = False) -> int:
    """Write the file, or with ``check`` return 1 when it differs from what would be written."""
    target = Path(path)
    text = render()
    if check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{path} is stale: run `python -m pipeline schema-docs`", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0
