"""Writes the .xlsx files of this folder and their .xls twins (converted by LibreOffice, a real
program, as an office would save them). Run it again only to change the files:

    .venv/bin/python -m tests.imports.data.make_xls_twins

Needs LibreOffice (`soffice`) on the PATH; the tests only read the committed files.
"""

import datetime
import subprocess
import tempfile
from pathlib import Path

import openpyxl

from tests.formats import header

HERE = Path(__file__).parent
D = datetime.date

# Fixed, valid codes (GB 32100 / GB 11643), so that the files never change between runs.
EMPLOYERS = [
    header("employers"),
    ["柳州货运有限公司", "91450200000000010E", "LZ-CZ", "道路货运", "非公", 120, "是", D(2017, 3, 1), ""],
    ["鱼峰快递公司", "91450200000000020F", "LZ-YF", "快递物流", "非公", 80, "否", None, ""],
]
MEMBERS = [
    header("members", without=("离会日期",)),
    [
        "张三",
        "450202198506150019",
        "13800000001",
        "91450200000000010E",
        "LZ-CZ",
        "货车司机",
        "是",
        D(2018, 4, 15),
        "",
    ],
    ["李四", "450202199001010023", "", "91450200000000020F", "LZ-YF", "快递员", "否", "2018/5/2", "在会"],
    ["王五", "45020219780708003X", "13800000003", "", "LZ-CZ-001", "", "Y", "2018年6月30日", ""],
]
# An ID number typed as a number: Excel (and BIFF) keep 15 significant digits.
BAD_MEMBERS = [MEMBERS[0], ["赵六", 450202198506150019, "", "", "LZ-CZ", "", "否", D(2018, 4, 15), ""]]


def write_xlsx(path: Path, rows: list[list]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    wb.save(path)


def to_xls(xlsx: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                str(HERE),
                str(xlsx),
            ],
            check=True,
            capture_output=True,
        )


if __name__ == "__main__":
    for name, rows in [("employers", EMPLOYERS), ("members", MEMBERS), ("bad-members", BAD_MEMBERS)]:
        xlsx = HERE / f"{name}.xlsx"
        write_xlsx(xlsx, rows)
        to_xls(xlsx)
        print(xlsx.with_suffix(".xls"))
