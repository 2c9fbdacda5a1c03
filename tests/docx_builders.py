"""Shared helpers of the DOCX tests: small synthetic DOCX files built from WordprocessingML (for
the cases the corpus does not cover), a numbering part with the common list kinds, and readers of
the corpus documents' task tables."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from extractors.docx.backend import extract
from extractors.model import Table
from tests.conftest import corpus_file


def task_table(doc, min_cols=4) -> Table:
    """The biggest body table (the appendix task table)."""
    tables = [t for t in doc.tables() if t.depth == 0 and t.n_cols >= min_cols]
    return max(tables, key=lambda t: len(t.rows))


def body_rows(table: Table):
    return [r for r in table.rows if not r.is_header]


def cell_grid(row) -> list:
    """The row's cells by grid column (a spanning cell at its first column, None after)."""
    out = []
    for cell in row.cells:
        out.append(cell)
        out.extend([None] * (cell.col_span - 1))
    return out


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (
    f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)


def make_docx(
    path: Path,
    body: str,
    numbering: str | None = None,
    styles: str | None = None,
    app: str | None = None,
    footnotes: str | None = None,
) -> Path:
    """A minimal DOCX whose body is `body` (WordprocessingML, the w: prefix bound); `app` is the
    content of docProps/app.xml's <Properties> (no app.xml when None); `footnotes` the w:footnote
    elements of word/footnotes.xml (no footnotes part when None)."""
    rels = [
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>'
    ]
    types = [
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>',
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>',
    ]
    if numbering is not None:
        rels.append(
            '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/numbering" Target="numbering.xml"/>'
        )
        types.append(
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        )
    if footnotes is not None:
        rels.append(
            '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/footnotes" Target="footnotes.xml"/>'
        )
        types.append(
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        )
    package_rels = []
    if app is not None:
        package_rels.append(
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        )
        types.append(
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.extended-properties+xml"/>'
        )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            + "".join(types)
            + "</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/>' + "".join(package_rels) + "</Relationships>",
        )
        zf.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>",
        )
        zf.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}>'
            f"<w:body>{body}</w:body></w:document>",
        )
        zf.writestr(
            "word/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_NS}>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            "</w:style>" + (styles or "") + "</w:styles>",
        )
        if numbering is not None:
            zf.writestr(
                "word/numbering.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}>{numbering}</w:numbering>',
            )
        if footnotes is not None:
            zf.writestr(
                "word/footnotes.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_NS}>{footnotes}</w:footnotes>',
            )
        if app is not None:
            zf.writestr(
                "docProps/app.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://'
                f'schemas.openxmlformats.org/officeDocument/2006/extended-properties">{app}</Properties>',
            )
    return path


def p(text: str = "", ppr: str = "", rpr: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def num_p(text: str, num_id: int, ilvl: int = 0) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(n_cols: int, *rows: str) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(n_cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}<w:pPr><w:ind w:left="{720 * (ilvl + 1)}"/></w:pPr></w:lvl>'
    )


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + level(0, "upperRoman", "%1.")
    + level(1, "decimal", "%2.")
    + level(2, "lowerLetter", "%3)")
    + level(3, "decimal", "%2.%4")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    + level(0, "bullet", "\uf0b7")
    + level(1, "bullet", "-")
    + level(2, "bullet", "•")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    + level(0, "decimal", "%1)", start=5)
    + level(1, "lowerRoman", "(%2)")
    + level(2, "upperLetter", "%3.")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="3">' + level(0, "decimal", "Điều %1.") + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    # same abstract as 3 and no override: continues numId 3's count
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    # same abstract with a startOverride: restarts
    '<w:num w:numId="5"><w:abstractNumId w:val="2"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>'
)


@pytest.fixture(scope="module")
def doc2025():
    """The 2025 KSTTHC plan, parsed once per test module (import the fixture to use it)."""
    return extract(corpus_file("2025-kh-kstthc-skhcn.docx"))
