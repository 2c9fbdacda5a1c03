"""`CitationIndex`: which rows of the `citations` table cite a given document — lookups in microseconds.

Built once from the table (an Arrow table, a list of row dicts, or the Parquet directory): the row
numbers are sorted by the ref's lookup key (case, spaces, hyphen variants, Đ/Ð, lost Đ or hyphen and
leading zeros folded) and a dict maps each key to its run of row numbers, so `lookup(ref)` is one dict
access plus an Arrow `take` of just those rows. Keys are computed once per distinct ref, not per row. Also answers short forms ("Nghị định 45" → the one
45/YYYY/NĐ-CP seen) for `resolve_citations`, and user queries through `parse_query`.

    index = CitationIndex.from_parquet("data/parquet")
    index.lookup("45/2020/ND-CP")       # list of row dicts
    index.search("nghị định 45/2020")   # {ref: rows}
    index.search("QĐ 124/QĐ-UBND", relation="thuc hien")      # only the mentions that implement it
    index.citing_documents("QĐ 124/QĐ-UBND", relation="thực hiện")  # which documents implement it

`relation` (schemas/enums.py: RELATIONS) is what the citing sentence does with the cited document;
every method taking it accepts what users type ("thuc hien", "triển khai", "can cu") and raises
ValueError for a word that names no relation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.citations.laws import LAW_KINDS, Law, known_laws, laws_named, learn_laws, name_key
from pipeline.citations.query import parse_query, parse_relation
from pipeline.citations.refs import lookup_key
from pipeline.citations.regexes import TYPE_KINDS
from schemas.enums import RELATIONS

_REF_PARTS = re.compile(r"^(?P<num>\d+[a-z]?)(?:/(?P<year>\d{4}))?[/-](?P<sym>.+)$")


def _parts(ref: str) -> tuple[str, int | None, str | None, str]:
    """(number without leading zeros, year, type_code, symbol) of a canonical ref."""
    m = _REF_PARTS.match(ref)
    if not m:
        return ref, None, None, ""
    sym = m.group("sym")
    head = re.split(r"[-/]", sym, maxsplit=1)[0]
    return (
        m.group("num").lstrip("0") or "0",
        int(m.group("year")) if m.group("year") else None,
        head if head in TYPE_KINDS else None,
        sym,
    )


class CitationIndex:
    def __init__(self, table: pa.Table):
        if "ref" not in table.column_names:
            raise ValueError("a citations table needs a 'ref' column")
        encoded = pc.dictionary_encode(table.column("ref").combine_chunks())
        uniques = encoded.dictionary.to_pylist()
        keys = [lookup_key(r) for r in uniques]  # once per distinct ref, not per row
        distinct = sorted({k for k in keys if k})
        rank = {k: i for i, k in enumerate(distinct)}
        # rank of each distinct ref, then a sentinel (rows without a ref sort last)
        code_rank = np.array([rank[k] if k else len(distinct) for k in keys] + [len(distinct)], dtype=np.int64)
        row_rank = code_rank[pc.fill_null(encoded.indices, len(uniques)).to_numpy(zero_copy_only=False)]
        # the rows stay where they are: a lookup takes its few rows through the sorted order
        self.table = table.combine_chunks()  # one chunk: `take` of a few rows stays O(rows taken)
        self._order = np.argsort(row_rank, kind="stable")
        sorted_rank = row_rank[self._order]
        positions = np.arange(len(distinct))
        starts = np.searchsorted(sorted_rank, positions, side="left")
        stops = np.searchsorted(sorted_rank, positions, side="right")
        self._slices = {k: (int(a), int(b)) for k, a, b in zip(distinct, starts, stops)}
        self._canonical = {}
        for ref, key in zip(uniques, keys):
            if key and key not in self._canonical:
                self._canonical[key] = ref
        self._short: dict[tuple, set[str]] = defaultdict(set)
        for key, ref in self._canonical.items():
            num, year, type_code, _ = _parts(ref)
            self._short[(type_code, num, None)].add(ref)
            self._short[(type_code, num, year)].add(ref)
        self._init_laws()

    def _init_laws(self) -> None:
        """Rows of laws by folded name, and the laws table: the shipped one plus what these rows teach."""
        self._law_rows: dict[str, list[int]] = defaultdict(list)
        self.laws: list[Law] = list(known_laws())
        if not {"kind", "name"} <= set(self.table.column_names):
            return
        kinds, names = self.table.column("kind").to_pylist(), self.table.column("name").to_pylist()
        rows = [i for i, (k, n) in enumerate(zip(kinds, names)) if k in LAW_KINDS and n]
        for i in rows:
            self._law_rows[name_key(names[i])].append(i)
        known = {law.ref for law in self.laws}
        taught = learn_laws(self.table.take(pa.array(rows, pa.int64())).to_pylist()) if rows else []
        self.laws += [law for law in taught if law.ref not in known]

    # --- construction ---------------------------------------------------------------------------
    @classmethod
    def from_rows(cls, rows: list[dict]) -> "CitationIndex":
        from schemas.tables import CITATIONS

        cols = {f.name: [r.get(f.name) for r in rows] for f in CITATIONS}
        return cls(pa.table(cols, schema=CITATIONS))

    @classmethod
    def from_parquet(cls, data_dir: str | Path, columns: list[str] | None = None) -> "CitationIndex":
        """From `<data_dir>/citations` (hive-partitioned) or a Parquet file/folder of citation rows."""
        import pyarrow.dataset as ds

        path = Path(data_dir)
        if (path / "citations").is_dir():
            path = path / "citations"
        table = ds.dataset(str(path), format="parquet", partitioning="hive").to_table(columns=columns)
        return cls(table)

    # --- lookups --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.table.num_rows

    def refs(self) -> list[str]:
        return sorted(self._canonical.values())

    def slice(self, ref: str, relation: str | None = None) -> pa.Table:
        """The rows citing `ref` (with `relation`, when given), as an Arrow table in table order
        (empty when none)."""
        start, stop = self._slices.get(lookup_key(ref) or "", (0, 0))
        rows = self.table.take(pa.array(self._order[start:stop], pa.int64()))
        if relation is None:
            return rows
        wanted = _relation(relation)
        if "relation" not in rows.column_names:  # a store written before citations had a relation
            return rows.slice(0, 0)
        return rows.filter(pc.fill_null(pc.equal(rows.column("relation"), wanted), False))

    def lookup(self, ref: str, relation: str | None = None) -> list[dict]:
        """The rows citing `ref` (any spelling the key folds: case, Đ/D, hyphens, leading zeros),
        only those with `relation` when given."""
        return self.slice(ref, relation).to_pylist()

    def count(self, ref: str, relation: str | None = None) -> int:
        if relation is not None:
            return self.slice(ref, relation).num_rows
        start, stop = self._slices.get(lookup_key(ref) or "", (0, 0))
        return stop - start

    def canonical(self, ref: str) -> str | None:
        """The ref as the index spells it."""
        return self._canonical.get(lookup_key(ref) or "")

    def describe(self, ref: str) -> dict | None:
        """Number parts and the first known date of `ref`."""
        rows = self.slice(ref)
        if not rows.num_rows:
            return None
        first = rows.slice(0, 1).to_pylist()[0]
        if "issued_date" in rows.column_names:
            dated = pc.drop_null(rows.column("issued_date"))
            first["issued_date"] = dated[0].as_py() if len(dated) else None
        return first

    def resolve_short(
        self, type_code: str | None, number: str, year: int | None = None, kind: str | None = None
    ) -> str | None:
        """The one ref a short form ("Nghị định 45", "Thông tư 01/2020") can mean, else None."""
        found = self._short.get((type_code, number.lstrip("0") or "0", year), set())
        return next(iter(found)) if len(found) == 1 else None

    def search(self, query: str, relation: str | None = None) -> dict[str, list[dict]]:
        """{ref: rows} for a user query: a full ref, or a partial one ("Quyết định 1085", "NĐ 45");
        with `relation`, only the mentions that do that (refs left without one are left out)."""
        parsed = parse_query(query)
        if parsed is None:
            return {}
        if parsed.ref and self.count(parsed.ref):
            refs = [self.canonical(parsed.ref) or parsed.ref]
        else:
            refs = []
            for ref in self._short.get((parsed.type_code, parsed.number.lstrip("0") or "0", parsed.year), set()):
                _, _, _, sym = _parts(ref)
                if parsed.issuer_code and not sym.upper().endswith(parsed.issuer_code.upper()):
                    continue
                refs.append(ref)
        found = {ref: self.lookup(ref, relation) for ref in sorted(refs)}
        return {ref: rows for ref, rows in found.items() if rows}

    def law(self, query: str, relation: str | None = None) -> dict[str, list[dict]]:
        """{resource: rows} for a law asked by name ("Luật Đầu tư 2025", "luat dau tu"): the rows that
        cite it by name and, through the laws table, those that cite its number."""
        m = _LAW_QUERY.match(name_key(query))
        if m is None:
            return {}
        key, year = m.group("name").strip(), int(m.group("year")) if m.group("year") else None
        refs = [law.ref for law in laws_named(key, year, self.laws)]
        out = {ref: self.lookup(ref, relation) for ref in refs}
        wanted = _relation(relation) if relation else None
        named = self.table.take(pa.array(self._law_rows.get(key, []), pa.int64())).to_pylist()
        for row in named:  # spellings that fold alike are one name, shown as first printed
            if row.get("ref") in out or (year is not None and row.get("year") not in (year, None)):
                continue  # a mention by name and number is among its number's rows already
            if wanted is None or row.get("relation") == wanted:
                out.setdefault(row.get("ref") or f"{named[0]['kind']} {named[0]['name']}", []).append(row)
        return {k: v for k, v in out.items() if v}

    def citing_documents(self, query: str, relation: str | None = None) -> list[str]:
        """The documents (document_key where the rows carry it, else doc_id) whose text cites what
        `query` names, with `relation` when given: `citing_documents("QĐ 124/QĐ-UBND", "thực hiện")`
        answers "which documents implement QĐ 124/QĐ-UBND"."""
        docs = {
            r.get("document_key") or r.get("doc_id") for rows in self.search(query, relation).values() for r in rows
        }
        return sorted(d for d in docs if d)


_LAW_QUERY = re.compile(r"^\s*(?:luat|bo luat|phap lenh)\s+(?P<name>.+?)(?:\s+(?:nam\s+)?(?P<year>(?:19|20)\d\d))?\s*$")


def _relation(text: str) -> str:
    value = parse_relation(text)
    if value is None:
        raise ValueError(f"not a citation relation: {text!r} (one of: {', '.join(RELATIONS)})")
    return value
