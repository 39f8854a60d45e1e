"""Old Excel (.xls): files written by LibreOffice import exactly as their .xlsx twins, through the
same engine and the same checks; a WPS-style CSV (GB18030, tabs around numbers) reads too."""

import datetime
import shutil

import pytest
from django.db import transaction

from members.models import Employer, Member
from tests.sheets import do_import, problems_text
from unionhub.imports.readers import FileRefused, SheetReader

from .data.make_xls_twins import HERE, MEMBERS


def _snapshot():
    employers = sorted(
        (
            e.credit_code,
            e.name,
            e.organization.code,
            e.industry.name,
            e.headcount,
            e.has_union,
            e.union_founded_on,
        )
        for e in Employer.objects.select_related("organization", "industry")
    )
    members = sorted(
        (
            m.person.id_number,
            m.person.name,
            m.organization.code,
            m.employer.credit_code if m.employer else "",
            m.key_group,
            m.is_migrant,
            m.join_date,
        )
        for m in Member.objects.select_related("person", "organization", "employer")
    )
    return employers, members


def _import_set(suffix, root):
    summaries = []
    for name in ("employers", "members"):
        result = do_import(name, HERE / f"{name}{suffix}", root)
        assert result.ok, problems_text(result) or result.file_error
        summaries.append(result.summary())
    return summaries


def test_xls_files_import_exactly_as_their_xlsx_twins(db, tree):
    with transaction.atomic():
        xlsx_summaries = _import_set(".xlsx", tree.city)
        from_xlsx = _snapshot()
        transaction.set_rollback(True)
    assert not Member.objects.exists()

    xls_summaries = _import_set(".xls", tree.city)
    assert _snapshot() == from_xlsx
    assert xls_summaries == xlsx_summaries
    # and the twins hold what the generator wrote: date cells, 2018/5/2 and 2018年6月30日 alike
    joined = {row[0]: row[-1] for row in from_xlsx[1]}
    assert joined == {
        MEMBERS[1][1]: datetime.date(2018, 4, 15),
        MEMBERS[2][1]: datetime.date(2018, 5, 2),
        MEMBERS[3][1]: datetime.date(2018, 6, 30),
    }


def test_an_xls_reimport_changes_nothing(db, tree):
    _import_set(".xls", tree.city)
    before = _snapshot()
    result = do_import("members", HERE / "members.xls", tree.city)
    assert result.ok and (result.new, result.updated, result.unchanged) == (0, 0, 3)
    assert _snapshot() == before


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_an_id_number_stored_as_a_number_is_refused_in_both(db, tree, suffix):
    do_import("employers", HERE / f"employers{suffix}", tree.city)
    result = do_import("members", HERE / f"bad-members{suffix}", tree.city)
    assert not result.ok
    assert "第2行 身份证号: 身份证号须为文本格式" in problems_text(result)
    assert not Member.objects.exists()  # all or nothing


def test_an_xlsx_renamed_to_xls_is_refused_clearly(tmp_path):
    fake = tmp_path / "members.xls"
    shutil.copy(HERE / "members.xlsx", fake)
    with pytest.raises(FileRefused, match=r"不是有效的 \.xls 文件"):
        SheetReader(fake, fake.name)


def test_a_corrupt_xls_is_refused_clearly(tmp_path):
    broken = tmp_path / "members.xls"
    broken.write_bytes((HERE / "members.xls").read_bytes()[:1500])
    with pytest.raises(FileRefused, match="无法读取 .xls 文件"):
        SheetReader(broken, broken.name)


def test_a_wps_csv_in_gb18030_with_tabs_around_numbers_reads(db, tree, tmp_path):
    """WPS and many government systems write a tab before long numbers so that Excel keeps
    them as text, and save CSV in GB18030."""
    do_import("employers", HERE / "employers.xlsx", tree.city)
    header = ",".join(MEMBERS[0])
    line = "张三,\t450202198506150019,\t13800000001,\t91450200000000010E,LZ-CZ,货车司机,是,2018-04-15,"
    path = tmp_path / "members.csv"
    path.write_bytes(f"{header}\r\n{line}\r\n".encode("gb18030"))
    result = do_import("members", path, tree.city)
    assert result.ok, problems_text(result)
    member = Member.objects.get()
    assert member.person.id_number == "450202198506150019" and member.employer.credit_code.endswith("10E")


def test_a_tab_separated_file_saved_as_csv_reads(db, tree, tmp_path):
    do_import("employers", HERE / "employers.xlsx", tree.city)
    line = "\t".join(["张三", "450202198506150019", "", "", "LZ-CZ", "", "否", "2018-04-15", ""])
    path = tmp_path / "members.csv"
    path.write_bytes(("\t".join(MEMBERS[0]) + "\n" + line + "\n").encode("gb18030"))
    result = do_import("members", path, tree.city)
    assert result.ok, problems_text(result) or result.file_error
    assert Member.objects.get().person.name == "张三"
