"""What follows from a kind's declarations (unionhub/imports/kinds.py): each column names what it
holds of the record, and a row's values, the key's field and the export are read from that; and
the words of a refused reference (ctx.reference)."""

import datetime

from django.utils import translation

from legal.models import Case
from members.models import Employer, Industry
from tests.factories import make_credit_code
from unionhub.imports import cells
from unionhub.imports.engine import ImportContext
from unionhub.imports.kinds import ORG, Column, Row, RowError, get_kind
from unionhub.imports.models import ImportBatch
from unionhub.orgs.models import Organization
from unionhub.people.models import Person


class _Ctx:
    """The one thing `values` asks of the import context: the organization a code names."""

    def __init__(self, org):
        self.organization = org

    def org(self, code, column=ORG):
        return self.organization


def test_a_row_gives_the_fields_its_columns_hold_in_column_order():
    kind = get_kind("legal_cases")
    org, person = Organization(code="LZ"), Person(id_number="x")
    received = datetime.date(2018, 4, 15)
    row = Row(
        2,
        {
            "案件编号": "WQ1",
            "受理日期": received,
            "来源": "来电",
            "涉及人数": 1,
            "代理律师": "张律师",
            ORG: "LZ",
        },
    )
    row.person = person
    values = kind.values(row, _Ctx(org))
    assert list(values) == [
        "received_on",
        "channel",
        "is_group",
        "persons",
        "migrants",
        "applicant_name",
        "applicant",
        "employer_name",
        "cause",
        "handling",
        "status",
        "closed_on",
        "recovered",
        "organization",
    ]  # the key's column left out, and the lawyer, which the kind finds itself
    assert values["received_on"] == received and values["persons"] == 1
    assert values["applicant"] is person  # the person column: the row's person
    assert values["organization"] is org
    assert values["employer_name"] == ""  # an empty text cell
    assert values["closed_on"] is None  # an empty date cell


def test_the_kind_gives_the_related_records_it_found():
    kind = get_kind("craftsmen")
    found, org = object(), Organization(code="LZ-CZ")
    row = Row(2, {"年度": 2018, "称号": "工匠", ORG: "LZ-CZ"})
    values = kind.values(row, _Ctx(None), employer=found, industry=found, organization=org)
    assert values == {"title": "工匠", "employer": found, "industry": found, "organization": org}


def test_the_key_field_is_the_one_key_columns_field():
    assert get_kind("legal_cases").key_field == "number"
    assert get_kind("merchants").key_field == "credit_code"
    assert get_kind("members").key_field == ""  # the key names a related record (the person)
    assert get_kind("honours").key_field == ""  # a key of several columns


def test_a_choice_column_built_from_a_model_field_holds_that_field():
    assert Column("来源", cells.choice(Case.channel.field)).field == "channel"
    assert Column("来源", cells.choice(Case.channel.field), field="x.channel").field == "x.channel"
    assert Column("来源", cells.choice(["来电", "来访"])).field == ""


def test_the_export_reads_the_columns_fields_and_joins_what_they_go_through():
    kind = get_kind("legal_cases")
    case = Case(number="WQ1", received_on=datetime.date(2018, 4, 15), organization=Organization(code="LZ"))
    row = kind.export_row(case)
    assert row["案件编号"] == "WQ1" and row[ORG] == "LZ"
    assert row["当事人身份证号"] is None and row["代理律师"] is None  # through an empty relation
    queryset = kind.export_queryset(Organization(code="LZ", path="0001."))
    assert queryset.query.select_related == {"applicant": {}, "lawyer": {}, "organization": {}}
    assert queryset.query.order_by == ("received_on", "number")
    payments = get_kind("relief_payments").export_queryset(Organization(code="LZ", path="0001."))
    assert payments.query.select_related == {"program": {"organization": {}}, "person": {}, "unit": {}}


def test_a_reference_is_refused_in_the_formats_words_whatever_the_language(db, tree):
    theirs = Employer.objects.create(
        name="鱼峰机械厂",
        credit_code=make_credit_code(),
        organization=tree.yf,
        industry=Industry.objects.get_or_create(name="机械制造")[0],
        ownership=Employer.Ownership.PRIVATE,
        headcount=100,
    )
    kind = get_kind("collective_contracts")
    ctx = ImportContext(kind, ImportBatch.objects.create(kind=kind.name, filename="x.csv"), tree.cz)
    unknown = make_credit_code()
    refusals = []
    with translation.override("en"):
        for code in (unknown, theirs.credit_code):
            try:
                ctx.reference(Employer, "credit_code", code, "单位统一社会信用代码")
            except RowError as exc:
                refusals.append(f"{exc.column}: {exc.message}")
    assert refusals == [
        f"单位统一社会信用代码: 统一社会信用代码为“{unknown}”的单位不存在",
        f"单位统一社会信用代码: 单位“{theirs.credit_code}”不在您的管辖范围内",
    ]
