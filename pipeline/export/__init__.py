"""Exports for office work: what officers open in Excel and Word, with Vietnamese headers.

    sheets.task_sheet(rows) / diff_sheet(rows) / citation_sheets(rows)  -> Sheet (columns + rows)
    xlsx.write_xlsx([sheet, …], "out.xlsx")     frozen header, filters, widths, real dates, wrapping
    word.write_diff_docx(diff_rows, "out.docx")  the comparison table offices use:
                                                 STT | Nội dung năm trước | Nội dung năm nay | Thay đổi
"""
