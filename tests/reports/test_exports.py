"""The xlsx and JSON renderings of the figures."""

import io
import json

from openpyxl import load_workbook

from unionhub.reports.exports import figures_json, figures_xlsx

FIGURES = {
    "year": 2018,
    "org": "LZ",
    "as_of": "2018-10-31",
    "members": {
        "total": 775,
        "drives": [{"name": '=HYPERLINK("x")', "group": "货车司机", "join_rate": None, "met": True}],
    },
    "legal": {"recovered": 1174900.0},
}


def rows_of(content: bytes):
    ws = load_workbook(io.BytesIO(content)).active
    return ws, list(ws.iter_rows(values_only=True))


def test_xlsx_writes_a_rate_without_denominator_as_a_dash_and_booleans_in_chinese():
    _, rows = rows_of(figures_xlsx(FIGURES, org_name="柳州市总工会"))
    assert rows[5][1] == '入会集中行动 · =HYPERLINK("x") · 群体'
    labels = {r[1]: r[2] for r in rows[1:]}
    assert labels["在会会员(名)"] == 775
    assert labels["追回金额(元)"] == 1174900
    assert [v for k, v in labels.items() if k.endswith("是否达标")] == ["是"]
    assert [v for k, v in labels.items() if k.endswith("入会率(%)")] == ["—"]


def test_xlsx_never_writes_a_formula():
    ws, _ = rows_of(figures_xlsx(FIGURES, org_name="=cmd|' /C calc'!A0"))
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


def test_json_is_utf8_with_the_keys_in_order():
    text = figures_json(FIGURES).decode()
    assert "货车司机" in text
    assert list(json.loads(text)) == ["year", "org", "as_of", "members", "legal"]
