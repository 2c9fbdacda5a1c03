"""Arrow schemas of every output table: the public contract of data/parquet (see tables.py)."""
from schemas.tables import SCHEMA_VERSION, TABLES, PARTITION_KEY, schema_for

__all__ = ["SCHEMA_VERSION", "TABLES", "PARTITION_KEY", "schema_for"]
