"""Which task of last year's plan is which task of this year's (pipeline/diff/classify.py).

Alignment. Tasks are paired one-to-one by an assignment (scipy's linear_sum_assignment) that
maximizes the total similarity; a pair is kept when its similarity reaches `settings.threshold`. The
similarity is a TF-IDF cosine over Vietnamese words (`pipeline.diff.text.segment`) of the task
text, its result and both together, mixed with the similarity of the section titles above the
rows. The STT is never used: numbering is redone every year.

Split and merge. A task left without a partner whose text reappears nearly verbatim (word-bigram
containment >= `settings.contain_threshold`) inside a task of the other document that is already paired is
linked to it: an unpaired old task inside a paired new one was merged into it ("merged"), an
unpaired new task inside a paired old one was split off it ("split").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from pipeline.diff.load import DiffTask
from pipeline.diff.text import segment


@dataclass(frozen=True)
class DiffSettings:
    threshold: float = 0.38  # pair similarity below this: the two tasks are not the same duty
    contain_threshold: float = 0.80  # word-bigram containment for a split or merge link
    section_weight: float = 0.10  # share of the section-title similarity in the pair similarity
    # the text similarity mixes task text, result, and both together (shares summing to 1)
    content_weight: float = 0.5
    result_weight: float = 0.2
    both_weight: float = 0.3


SETTINGS = DiffSettings()

Pair = tuple[int, int, float]  # (old index, new index, similarity)
Link = tuple[str, int, int, float]  # ("split" | "merged", old index, new index, containment)


@dataclass
class _Features:
    content: list[str]
    result: list[str]
    section: list[str]

    @property
    def both(self) -> list[str]:
        return self.content + self.result


def _features(task: DiffTask) -> _Features:
    return _Features(
        segment(task.content, task.plan_year),
        segment(task.result, task.plan_year),
        segment(task.section_title or "", task.plan_year),
    )


class _Tfidf:
    """TF-IDF vectors (dicts) over the tasks of both documents."""

    def __init__(self, docs: Sequence[list[str]]):
        df = Counter(w for d in docs for w in set(d))
        n = len(docs)
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}

    def vector(self, tokens: list[str]) -> dict[str, float]:
        counts = Counter(tokens)
        vec = {w: c * self.idf.get(w, 1.0) for w, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {w: x / norm for w, x in vec.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def similarity_matrix(
    old: Sequence[DiffTask], new: Sequence[DiffTask], settings: DiffSettings = SETTINGS
) -> np.ndarray:
    """Pair similarity in [0, 1] of every old × new task."""
    fo, fn = [_features(t) for t in old], [_features(t) for t in new]
    tfidf = _Tfidf([f.both for f in fo + fn])
    sec_tfidf = _Tfidf([f.section for f in fo + fn])

    def vecs(f: _Features):
        return (tfidf.vector(f.content), tfidf.vector(f.result), tfidf.vector(f.both), sec_tfidf.vector(f.section))

    vo, vn = [vecs(f) for f in fo], [vecs(f) for f in fn]
    m = np.zeros((len(old), len(new)))
    for i, (c1, r1, b1, s1) in enumerate(vo):
        for j, (c2, r2, b2, s2) in enumerate(vn):
            c = _cos(c1, c2)
            r = _cos(r1, r2) if r1 and r2 else c  # a missing result neither helps nor hurts
            text = settings.content_weight * c + settings.result_weight * r + settings.both_weight * _cos(b1, b2)
            if s1 and s2:
                text = (1 - settings.section_weight) * text + settings.section_weight * _cos(s1, s2)
            m[i, j] = text
    return np.clip(m, 0.0, 1.0)


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


def containment(part: DiffTask, whole: DiffTask) -> float:
    """Share of `part`'s task-text word bigrams found in `whole`'s text and result."""
    a = _bigrams(segment(part.content, part.plan_year))
    if not a:
        return 0.0
    b = _bigrams(segment(whole.content, whole.plan_year) + ["|"] + segment(whole.result, whole.plan_year))
    return len(a & b) / len(a)


def align(
    old: Sequence[DiffTask], new: Sequence[DiffTask], settings: DiffSettings = SETTINGS
) -> tuple[list[Pair], np.ndarray]:
    """One-to-one pairs (old index, new index, similarity) above the threshold, in the new
    document's order, and the similarity matrix."""
    if not old or not new:
        return [], np.zeros((len(old), len(new)))
    from scipy.optimize import linear_sum_assignment

    m = similarity_matrix(old, new, settings)
    rows, cols = linear_sum_assignment(-m)
    pairs = [(int(i), int(j), float(m[i, j])) for i, j in zip(rows, cols) if m[i, j] >= settings.threshold]
    return sorted(pairs, key=lambda p: p[1]), m


def split_merge_links(
    old: Sequence[DiffTask], new: Sequence[DiffTask], pairs: Sequence[Pair], settings: DiffSettings = SETTINGS
) -> list[Link]:
    """The unpaired tasks that live on inside a paired task of the other document: ("merged", i, j,
    containment) for old task i merged into new task j, ("split", i, j, containment) for new task j
    split off old task i. Merges first, each side in reading order."""
    o2n = {i: j for i, j, _ in pairs}  # dicts: fast membership, iteration in the pairs' order
    n2o = {j: i for i, j, _ in pairs}
    links: list[Link] = []
    for i, o in enumerate(old):
        if i in o2n:
            continue
        best = max(((containment(o, new[j]), j) for j in n2o), default=(0.0, -1))
        if best[0] >= settings.contain_threshold:
            links.append(("merged", i, best[1], best[0]))
    for j, n in enumerate(new):
        if j in n2o:
            continue
        best = max(((containment(n, old[i]), i) for i in o2n), default=(0.0, -1))
        if best[0] >= settings.contain_threshold:
            links.append(("split", best[1], j, best[0]))
    return links
