"""`annotate_citations`: wrap every citation of a text in markup (HTML highlighting).

    annotate_citations(text, cites)                                  # <mark class="cite" …>…</mark>
    annotate_citations(text, cites, before=lambda c: f'<a href="#{c.ref}">', after="</a>")

`before`/`after` are strings or callables taking the Citation; with `escape` (html.escape by default)
the text between and inside the citations is escaped, the markup is not. Spans are those of the text
given to get_citations; overlapping spans (which the finder does not produce) keep the first.
"""

from __future__ import annotations

import html
from typing import Callable, Union

from pipeline.citations.models import Citation

Markup = Union[str, Callable[[Citation], str]]


def _default_before(cite: Citation) -> str:
    title = cite.ref or cite.resource_key or cite.kind
    if cite.issued_date:
        title += f" ({cite.issued_date:%d/%m/%Y})"
    return f'<mark class="cite" data-kind="{html.escape(cite.kind)}" title="{html.escape(title)}">'


def annotate_citations(
    text: str,
    citations: list[Citation],
    before: Markup = _default_before,
    after: Markup = "</mark>",
    escape: Callable[[str], str] | None = html.escape,
) -> str:
    """`text` with each citation's span wrapped in `before` … `after`."""
    esc = escape or (lambda s: s)
    parts: list[str] = []
    pos = 0
    for cite in sorted(citations, key=lambda c: (c.char_start, -c.char_end)):
        if cite.char_start < pos or cite.char_end > len(text):
            continue
        parts.append(esc(text[pos : cite.char_start]))
        parts.append(before(cite) if callable(before) else before)
        parts.append(esc(text[cite.char_start : cite.char_end]))
        parts.append(after(cite) if callable(after) else after)
        pos = cite.char_end
    parts.append(esc(text[pos:]))
    return "".join(parts)
