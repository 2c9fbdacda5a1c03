"""resolve_citations: short forms to full refs (same text, then the index), shared dates, grouping."""

from __future__ import annotations

import datetime as dt

from pipeline.citations import CitationIndex, get_citations, resolve_citations

TEXT = (
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ và Thông tư số 01/2020/TT-VPCP; "
    "các đơn vị thực hiện đúng Nghị định 45 và Thông tư 01/2020. Luật Đất đai năm 2024 và Luật Đất đai."
)


def test_short_forms_take_the_full_ref_of_the_same_text():
    cites = get_citations(TEXT)
    groups = resolve_citations(cites)
    assert [c.raw for c in groups["45/2020/NĐ-CP"]] == ["Nghị định số 45/2020/NĐ-CP", "Nghị định 45"]
    short = groups["45/2020/NĐ-CP"][1]
    assert short.ref == "45/2020/NĐ-CP" and short.resolved and short.issued_date == dt.date(2020, 4, 8)
    assert short.issuer == "Chính phủ" and short.year == 2020
    assert [c.raw for c in groups["01/2020/TT-VPCP"]] == ["Thông tư số 01/2020/TT-VPCP", "Thông tư 01/2020"]


def test_laws_by_name_group_by_name_and_year():
    """One law, two mentions: the one without a year is the dated law of the same name."""
    groups = resolve_citations(get_citations(TEXT))
    assert [c.raw for c in groups["Luật Đất đai năm 2024"]] == ["Luật Đất đai năm 2024", "Luật Đất đai"]
    assert "Luật Đất đai" not in groups


def test_a_law_by_name_takes_the_number_printed_at_another_mention():
    cites = get_citations("Căn cứ Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020; … theo Luật Đầu tư và Luật Đất đai.")
    groups = resolve_citations(cites)
    assert [c.raw for c in groups["61/2020/QH14"]] == ["Luật Đầu tư số 61/2020/QH14", "Luật Đầu tư"]
    assert "Luật Đất đai" in groups


def test_short_form_before_its_full_citation_and_wrong_kind():
    cites = get_citations("Nghị định 45 nói rằng …; xem Nghị định số 45/2020/NĐ-CP. Quyết định 45 khác.")
    resolve_citations(cites)
    assert [c.ref for c in cites] == ["45/2020/NĐ-CP", "45/2020/NĐ-CP", None]


def test_short_form_year_must_agree():
    cites = get_citations("Nghị định số 45/2020/NĐ-CP; Nghị định 45/2019.")
    resolve_citations(cites)
    assert cites[1].ref is None


def test_unresolved_short_forms_are_left_out():
    cites = get_citations("theo Nghị định 45 của Chính phủ")
    assert resolve_citations(cites) == {} and cites[0].ref is None


def test_short_forms_resolved_through_the_index():
    index = CitationIndex.from_rows(
        [
            {
                "ref": "45/2020/NĐ-CP",
                "doc_id": "a",
                "issued_date": dt.date(2020, 4, 8),
                "kind": "Nghị định",
                "number": "45",
                "year": 2020,
                "symbol": "NĐ-CP",
                "type_code": "NĐ",
                "issuer_code": "CP",
            },
            {"ref": "1085/QĐ-TTg", "doc_id": "a"},
            {"ref": "1085/QĐ-UBND", "doc_id": "b"},
        ]
    )
    cites = get_citations("theo Nghị định 45 và Quyết định 1085")
    groups = resolve_citations(cites, index=index)
    assert cites[0].ref == "45/2020/NĐ-CP" and cites[0].issued_date == dt.date(2020, 4, 8)
    assert cites[1].ref is None  # two documents numbered 1085: ambiguous
    assert list(groups) == ["45/2020/NĐ-CP"]


def test_dates_shared_between_mentions():
    cites = get_citations("Thông tư số 01/2020/TT-VPCP quy định …; Thông tư số 01/2020/TT-VPCP ngày 21/10/2020.")
    resolve_citations(cites)
    assert [c.issued_date for c in cites] == [dt.date(2020, 10, 21)] * 2


def test_canonical_names_do_not_depend_on_the_hash_seed():
    import subprocess
    import sys

    code = (
        "from pipeline.citations import get_citations, resolve_citations\n"
        "c = get_citations('Luật An ninh mạng năm 2018, Luật Âm ninh mạng năm 2019. Theo Luật ANM.')\n"
        "resolve_citations(c); print([x.name for x in c])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
            cwd=".",
        ).stdout
        for seed in range(6)
    }
    assert len(outs) == 1, outs
