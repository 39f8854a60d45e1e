"""The figures as an .xlsx sheet (板块/指标/数值, one row per figure) and as JSON."""

import io
import json

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from .figures import figure_rows, section_title, sub_org_table
from .registry import sections

NUMBER_FORMATS = {"元": "0.00", "%": "0.00"}


def figures_json(figures: dict) -> bytes:
    return json.dumps(figures, ensure_ascii=False, indent=1).encode()


def figures_xlsx(figures: dict, *, org_name: str, subs: list | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("年度报告数据")
    ws.append([_("板块"), _("指标"), _("数值")])
    report = _("报告")
    ws.append([report, _("年度"), figures["year"]])
    ws.append([report, _("组织"), f"{org_name}({figures['org']})"])
    ws.append([report, _("截至日期"), figures["as_of"]])
    titles: dict[str, str] = {}
    for row in figure_rows(figures):
        title = titles.setdefault(row.section, section_title(row.section))
        value = row.value
        if value is None:
            value = "—"
        elif isinstance(value, bool):
            value = row.text
        ws.append([title, row.label, value])
        cell = ws.cell(ws.max_row, 3)
        if isinstance(value, float | int):
            cell.number_format = NUMBER_FORMATS.get(row.unit, "0")
    _style(ws)
    if subs:
        _sub_orgs_sheet(wb.create_sheet(_("下属组织对比")), subs)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _style(ws) -> None:
    thin = Side(style="thin", color="999999")
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="B3261E")
        cell.border = Border(bottom=thin)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, whatever it starts with: never a formula
        row[2].alignment = Alignment(horizontal="right")
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 56
    ws.column_dimensions["C"].width = 18
    ws.freeze_panes = "A2"


def _sub_orgs_sheet(ws, subs: list) -> None:
    """Per section, the direct sub-organizations side by side on its headline figures (exact
    numbers), ranked where the section says a rank means something."""
    for section in sections():
        table = sub_org_table(section, subs)
        if table is None:
            continue
        ws.append(
            [
                str(section.title),
                *([_("按%(by)s排名") % {"by": table["rank_by"]}] if table["rank_by"] else []),
            ]
        )
        ws.cell(ws.max_row, 1).font = Font(bold=True, color="B3261E")
        ws.append([_("排名"), _("组织"), *table["columns"]])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            values = ["—" if v is None else (v if not isinstance(v, bool) else str(v)) for v in row["raw"]]
            ws.append([row["rank"] or "", row["name"], *values])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        ws.append([])
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 24
    for col in "CDEFGHIJ":
        ws.column_dimensions[col].width = 16
