"""One `document_key` for every rendition of one document across the store.

Each file gets a key when it is processed (pipeline/stages/identity.py): from its metadata when the
number, symbol and full date are known, else from its text. A scan whose date was not read, or a
draft with a blank number, then has a text key while its DOCX twin has a metadata key. After each
ingest, `link_renditions` groups the store's documents:

- the same metadata key: one document;
- texts whose simhashes differ in at most `SIMHASH_MAX_BITS` of 64 bits: one document, unless their
  titles (trích yếu, or a công văn's V/v subject) differ, or that would join two different metadata
  keys. Documents made from one template (the charters of two federations, two yearly plans)
  have near texts: their titles, or their numbers and dates, keep them apart;

and gives each group one key: its metadata key when a rendition has one, else the text key of its
first rendition (by doc_id). Documents whose key changes get their documents and tasks parts
rewritten (task_key is built from the document key).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from pipeline.batch.store import pandas_unprobed, read_table, update_parts
from pipeline.records import DocMeta
from pipeline.stages.identity import fold, metadata_key, shingles, task_keys, text_key

# measured: renditions of one document (DOCX / PDF / .doc, a draft and its signed final) 0-3 bits
# apart; distinct documents of one genre and office 13-25 bits, but documents filled in from one
# template (the charters of two federations) only 4-7: a joined document is worse than a missed
# rendition, so the bar is low
SIMHASH_MAX_BITS = 3
# a draft and its final: the share of word pairs (of their paragraphs, numbers left out: the final's
# stamp fills them in) that both hold. Measured: a one-page tờ trình and its signed final 0.85, drafts
# of one decision 0.8-1.0; documents of one template share as much, so the title must be the same
DRAFT_MIN_OVERLAP = 0.75
# two titles of one document: OCR or a later draft changes a few words, not the subject
TITLE_MIN_OVERLAP = 0.7
_META_COLUMNS = ("doc_type", "doc_number", "doc_symbol", "issuer", "issued_date")
_DIGITS = re.compile(r"\d")


class _Groups:
    """Union-find over document indexes that refuses to join two different metadata keys."""

    def __init__(self, meta_keys: list[str | None]):
        self.parent = list(range(len(meta_keys)))
        self.meta = [{k} if k else set() for k in meta_keys]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (self.meta[ra] and self.meta[rb] and self.meta[ra] != self.meta[rb]):
            return
        self.parent[rb] = ra
        self.meta[ra] |= self.meta[rb]


def _near_pairs(simhashes: list[int | None]) -> list[tuple[int, int]]:
    """Index pairs (in order) whose simhashes differ in at most SIMHASH_MAX_BITS bits. Two such
    hashes are equal on at least one of SIMHASH_MAX_BITS + 1 disjoint runs of their 64 bits (the
    differing bits cannot touch every run), so only hashes that share a run's value are compared:
    about linear in the store's size, where comparing every pair took 2 s for 10,000 documents."""
    known = {i: h for i, h in enumerate(simhashes) if h is not None}
    runs = SIMHASH_MAX_BITS + 1
    edges = [64 * k // runs for k in range(runs + 1)]
    buckets: dict[tuple[int, int], list[int]] = {}
    for i, h in known.items():
        for k in range(runs):
            value = h >> edges[k] & ((1 << (edges[k + 1] - edges[k])) - 1)
            buckets.setdefault((k, value), []).append(i)
    pairs = set()
    for members in buckets.values():
        for n, a in enumerate(members):
            pairs.update((a, b) for b in members[n + 1 :] if (known[a] ^ known[b]).bit_count() <= SIMHASH_MAX_BITS)
    return sorted(pairs)


def _title_words(doc: dict) -> set[str]:
    return set(fold(doc.get("title") or doc.get("subject")).split())


def same_title(a: set[str], b: set[str]) -> bool:
    """Titles that may be one document's: either unknown, or most of their words shared."""
    return not a or not b or len(a & b) / len(a | b) >= TITLE_MIN_OVERLAP


def _draft_pair(a: dict, b: dict) -> bool:
    """Two rows that may be a draft and its final (or two drafts) of one document: one without a
    number, the same symbol and type, issuer and year where both are known, and the very same title:
    one office's letters made from one template ("… phê duyệt Điều lệ Liên đoàn Yoga" and "… Hội
    Golf", "quý I" and "quý II") share most title words and 0.8-0.97 of their wording, and differ
    only in the names and numbers of their titles."""
    if a.get("doc_number") and b.get("doc_number"):
        return False
    if not (a.get("doc_symbol") and fold(a["doc_symbol"]) == fold(b.get("doc_symbol"))):
        return False
    for column in ("doc_type", "issuer", "year"):
        if a.get(column) and b.get(column) and fold(str(a[column])) != fold(str(b[column])):
            return False
    title_a, title_b = (fold(d.get("title") or d.get("subject")) for d in (a, b))
    return bool(title_a) and title_a == title_b


def _draft_candidates(docs: list[dict], groups: _Groups) -> list[tuple[int, int]]:
    """Pairs of rows not yet one document that may be a draft and its final (by symbol first: a
    store of thousands of files has few rows per symbol)."""
    by_symbol: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        if d.get("doc_symbol"):
            by_symbol.setdefault(fold(d["doc_symbol"]), []).append(i)
    return [
        (a, b)
        for rows in by_symbol.values()
        for n, a in enumerate(rows)
        for b in rows[n + 1 :]
        if groups.find(a) != groups.find(b) and _draft_pair(docs[a], docs[b])
    ]


def _shingles(texts: list[str]) -> set[str]:
    """Word pairs of a document's paragraphs, numbers left out (a final's stamp fills them in)."""
    return set(shingles([w for text in texts for w in fold(text).split() if not _DIGITS.search(w)]))


def same_wording(a: list[str], b: list[str]) -> bool:
    """Paragraph texts of two files that are one document's draft and final: most word pairs shared."""
    sa, sb = _shingles(a), _shingles(b)
    return bool(sa and sb) and len(sa & sb) / len(sa | sb) >= DRAFT_MIN_OVERLAP


def group_keys(
    docs: list[dict], paragraphs: Callable[[set[str]], dict[str, list[str]]] | None = None
) -> list[str | None]:
    """The document_key of each documents row (dicts with doc_id, the metadata columns, year,
    title, subject and text_simhash), renditions of one document sharing one. `paragraphs` gives
    the paragraph texts of some doc_ids, to link drafts to their finals (left out when None)."""
    metas = [metadata_key(DocMeta(**{c: d.get(c) for c in _META_COLUMNS})) for d in docs]
    groups = _Groups(metas)
    by_meta: dict[str, int] = {}
    for i, key in enumerate(metas):
        if key:
            groups.join(by_meta.setdefault(key, i), i)
    simhashes = [int(d["text_simhash"], 16) if d.get("text_simhash") else None for d in docs]
    titles = [_title_words(d) for d in docs]
    for a, b in _near_pairs(simhashes):
        if same_title(titles[a], titles[b]):
            groups.join(a, b)
    drafts = _draft_candidates(docs, groups) if paragraphs else []
    if drafts and paragraphs:
        texts = paragraphs({docs[i]["doc_id"] for pair in drafts for i in pair})
        for a, b in drafts:
            if same_wording(texts.get(docs[a]["doc_id"], []), texts.get(docs[b]["doc_id"], [])):
                groups.join(a, b)
    members: dict[int, list[int]] = {}
    for i in sorted(range(len(docs)), key=lambda i: docs[i]["doc_id"]):
        members.setdefault(groups.find(i), []).append(i)
    keys: list[str | None] = [None] * len(docs)
    for root, items in members.items():
        meta = sorted(groups.meta[root])
        key = (
            meta[0]
            if meta
            else next((text_key(docs[i]["text_simhash"]) for i in items if docs[i].get("text_simhash")), None)
        )
        for i in items:
            keys[i] = key or docs[i].get("document_key")
    return keys


def _set_column(table: pa.Table, name: str, values: list) -> pa.Table:
    """`table` with column `name` set to `values` (appended when a part of an older schema lacks it)."""
    column = pa.array(values, pa.string())
    index = table.schema.get_field_index(name)
    return table.append_column(name, column) if index < 0 else table.set_column(index, name, column)


def link_renditions(root: str | Path) -> int:
    """Give every rendition of one document the same document_key (and its tasks their task_key
    under it); returns how many files were re-keyed."""
    with pandas_unprobed():  # it runs in the ingest driver, which has no other use for pandas
        return _link(Path(root))


def _link(root: Path) -> int:
    columns = ["doc_id", "document_key", "text_simhash", "title", "subject", "year", *_META_COLUMNS]
    docs = read_table(Path(root), "documents", columns=columns).to_pylist()

    def paragraphs(doc_ids: set[str]) -> dict[str, list[str]]:
        import pyarrow.compute as pc  # only when drafts are to be matched: ~0.03 s of the driver's start

        table = read_table(Path(root), "paragraphs", columns=["doc_id", "para_seq", "text"])
        wanted = table.filter(pc.is_in(table["doc_id"], value_set=pa.array(sorted(doc_ids), pa.string())))
        texts: dict[str, list[tuple[int, str]]] = {}
        for row in wanted.to_pylist():  # only the candidates' paragraphs become Python rows
            texts.setdefault(row["doc_id"], []).append((row["para_seq"], row["text"]))
        return {d: [t for _, t in sorted(rows)] for d, rows in texts.items()}

    changed = 0
    for doc, key in zip(docs, group_keys(docs, paragraphs)):
        if key == doc["document_key"]:
            continue
        update_parts(
            Path(root),
            doc["doc_id"],
            "documents",
            lambda t, key=key: _set_column(t, "document_key", [key] * t.num_rows),
        )
        update_parts(
            Path(root),
            doc["doc_id"],
            "tasks",
            lambda t, key=key: _set_column(t, "task_key", task_keys(key, t.to_pylist())),
        )
        changed += 1
    return changed
