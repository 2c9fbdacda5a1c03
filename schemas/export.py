"""Write schemas/<table>.json from schemas/tables.py: `python -m schemas.export`."""
from __future__ import annotations

import json
from pathlib import Path

from schemas.tables import PARTITION_KEY, PARTITIONED, SCHEMA_VERSION, TABLES


def schema_json(table: str) -> dict:
    return {
        "table": table, "schema_version": SCHEMA_VERSION,
        "partitioning": {"hive": [PARTITION_KEY]} if table in PARTITIONED else None,
        "columns": [{"name": f.name, "type": str(f.type)} for f in TABLES[table]],
    }


def main() -> None:
    here = Path(__file__).parent
    for table in TABLES:
        (here / f"{table}.json").write_text(json.dumps(schema_json(table), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
