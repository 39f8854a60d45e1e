"""The `merchants`, `stores` and `perk_sales` kinds."""

import datetime
from decimal import Decimal

import pytest

from perks.models import Merchant, PerkDay, PerkSale, Store
from tests.factories import make_credit_code
from tests.formats import header

from .conftest import do_import, export_csv, problems, read_csv, write_csv

M_HEADER = header("merchants")
S_HEADER = header("stores")
P_HEADER = header("perk_sales")


# --- merchants -------------------------------------------------------------------------------


def test_good_merchants_file(tree, import_csv):
    code1, code2 = make_credit_code(), make_credit_code()
    rows = [
        M_HEADER,
        ["柳州百货", code1, "商超", "会员凭卡享9折", "2018-03-24", "LZ"],
        ["城中药房", code2, "医药", "=会员95折", "2017/6/15", "LZ-CZ"],
    ]
    result = import_csv("merchants", rows, tree.city)
    assert result.ok, problems(result)
    assert result.new == 2
    pharmacy = Merchant.objects.get(credit_code=code2)
    assert (pharmacy.category, pharmacy.organization, pharmacy.signed_on) == (
        "医药",
        tree.cz,
        datetime.date(2017, 6, 15),
    )


def test_bad_merchant_rows_are_listed_and_nothing_is_written(tree, make_merchant, import_csv):
    theirs = make_merchant(tree.yf)
    rows = [
        M_HEADER,
        ["柳州百货", make_credit_code(), "商超", "9折", "2018-03-24", "LZ-CZ"],  # good, not written
        ["坏代码", "91450200ABCDEFGHIJ", "商超", "9折", "2018-03-24", "LZ-CZ"],  # 3
        ["坏类别", make_credit_code(), "酒店", "9折", "2018-03-24", "LZ-CZ"],  # 4
        ["越界", make_credit_code(), "商超", "9折", "2018-03-24", "LZ-YF"],  # 5
        ["别人的商户", theirs.credit_code, "商超", "9折", "2018-03-24", "LZ-CZ"],  # 6
        ["无优惠", make_credit_code(), "商超", "", "2018-03-24", "LZ-CZ"],  # 7
    ]
    result = import_csv("merchants", rows, tree.cz)
    found = problems(result)
    assert [p.split(":")[0] for p in found] == [
        "第3行 统一社会信用代码",
        "第4行 类别",
        "第5行 所属工会组织代码",
        "第6行 统一社会信用代码",
        "第7行 优惠内容",
    ]
    assert found[2] == "第5行 所属工会组织代码: 组织“LZ-YF”不在您的管辖范围内"
    assert found[3] == "第6行 统一社会信用代码: 该商户属于您管辖范围以外的组织"
    assert Merchant.objects.count() == 1


def test_merchants_reimport_and_export_round_trip_unchanged(tree, make_merchant, tmp_path):
    make_merchant(tree.city, stores=0)
    make_merchant(tree.cz, category=Merchant.Category.EDUCATION)
    path = export_csv("merchants", tree.city, tmp_path / "m.csv")
    assert read_csv(path)[0] == M_HEADER
    result = do_import("merchants", path, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2), problems(result)


def test_changed_merchant_is_updated_in_place(tree, make_merchant, import_csv):
    merchant = make_merchant(tree.cz)
    rows = [M_HEADER, [merchant.name, merchant.credit_code, "餐饮", "8折", "2017-06-01", "LZ-CZ"]]
    result = import_csv("merchants", rows, tree.city)
    assert (result.new, result.updated) == (0, 1)
    merchant.refresh_from_db()
    assert (merchant.category, merchant.perks) == ("餐饮", "8折")


# --- stores ----------------------------------------------------------------------------------


def test_good_stores_file(tree, make_merchant, import_csv):
    merchant = make_merchant(tree.cz)
    rows = [
        S_HEADER,
        [merchant.credit_code, "五星店", "柳州市城中区五星街1号"],
        [merchant.credit_code, "河东店", "柳州市城中区河东路2号"],
    ]
    result = import_csv("stores", rows, tree.city)
    assert result.ok, problems(result)
    assert set(merchant.stores.values_list("name", flat=True)) == {"五星店", "河东店"}


def test_bad_store_rows(tree, make_merchant, import_csv):
    ours, theirs = make_merchant(tree.cz), make_merchant(tree.yf)
    unknown = make_credit_code()
    rows = [
        S_HEADER,
        [ours.credit_code, "五星店", "五星街1号"],
        [unknown, "无名店", "某路"],  # 3
        [theirs.credit_code, "鱼峰店", "某路"],  # 4
        [ours.credit_code, "五星店", "五星街2号"],  # 5: the same key twice
        [ours.credit_code, "空地址店", ""],  # 6
    ]
    result = import_csv("stores", rows, tree.cz)
    assert problems(result) == [
        f"第3行 商户统一社会信用代码: 统一社会信用代码为“{unknown}”的商户不存在",
        f"第4行 商户统一社会信用代码: 商户“{theirs.credit_code}”不在您的管辖范围内",
        "第5行 商户统一社会信用代码: 与第2行重复",
        "第6行 地址: 必填",
    ]
    assert not Store.objects.exists()


def test_stores_reimport_and_export_round_trip_unchanged(tree, make_merchant, tmp_path):
    make_merchant(tree.cz, stores=3)
    path = export_csv("stores", tree.city, tmp_path / "s.csv")
    assert len(read_csv(path)) == 4
    result = do_import("stores", path, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 3), problems(result)


# --- perk sales ------------------------------------------------------------------------------


@pytest.fixture
def merchants(tree, make_merchant):
    return make_merchant(tree.city), make_merchant(tree.cz)


def test_good_perk_sales_file_creates_the_day(tree, merchants, import_csv):
    a, b = (m.credit_code for m in merchants)
    rows = [
        P_HEADER,
        ["4·15红利日", "2018/4/15", a, "637505.00", "165751.30"],
        ["4·15红利日", "2018年4月15日", b, "560,431.00", "151316.37"],
    ]
    result = import_csv("perk_sales", rows, tree.city)
    assert result.ok, problems(result)
    day = PerkDay.objects.get()
    assert (day.name, day.date) == ("4·15红利日", datetime.date(2018, 4, 15))
    assert PerkSale.objects.get(merchant=merchants[1]).sales == Decimal("560431.00")


def test_discount_above_sales_is_refused_in_the_import(tree, merchants, import_csv):
    a, b = (m.credit_code for m in merchants)
    rows = [
        P_HEADER,
        ["4·15红利日", "2018-04-15", a, "1000.00", "1000.00"],  # equal is allowed
        ["4·15红利日", "2018-04-15", b, "1000.00", "1000.01"],
    ]
    result = import_csv("perk_sales", rows, tree.city)
    assert problems(result) == ["第3行 让利金额: 让利金额不能大于销售额"]
    assert not PerkSale.objects.exists()
    assert not PerkDay.objects.exists()


def test_bad_perk_sale_rows(tree, merchants, day_415, import_csv):
    a, b = (m.credit_code for m in merchants)
    rows = [
        P_HEADER,
        ["4·15红利日", "2018-04-16", a, "1000", "10"],  # 2: the day is recorded on the 15th
        ["9·10红利日", "2018-09-10", b, "-5", "0"],  # 3
        ["9·10红利日", "2018-09-10", a, "100.001", "0"],  # 4
    ]
    result = import_csv("perk_sales", rows, tree.city)
    assert problems(result) == [
        "第2行 活动日期: 与红利日“4·15红利日”已登记的日期2018-04-15不一致",
        "第3行 销售额: 金额不能为负数",
        "第4行 销售额: 金额最多两位小数",
    ]
    assert list(PerkDay.objects.all()) == [day_415]


def test_a_district_cannot_import_sales_of_the_citys_merchant(tree, merchants, import_csv):
    rows = [P_HEADER, ["4·15红利日", "2018-04-15", merchants[0].credit_code, "1000", "10"]]
    result = import_csv("perk_sales", rows, tree.cz)
    assert problems(result) == [
        f"第2行 商户统一社会信用代码: 商户“{merchants[0].credit_code}”不在您的管辖范围内"
    ]


def test_perk_sales_reimport_and_export_round_trip_unchanged(tree, merchants, tmp_path):
    a, b = (m.credit_code for m in merchants)
    rows = [
        P_HEADER,
        ["4·15红利日", "2018-04-15", a, "1000.50", "10"],
        ["9·10红利日", "2018-09-10", b, "2000", "20.25"],
    ]
    path = write_csv(tmp_path / "p.csv", rows)
    assert do_import("perk_sales", path, tree.city).ok
    again = do_import("perk_sales", path, tree.city)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    exported = export_csv("perk_sales", tree.city, tmp_path / "e.csv")
    assert read_csv(exported)[1:] == [
        ["4·15红利日", "2018-04-15", a, "1000.50", "10.00"],
        ["9·10红利日", "2018-09-10", b, "2000.00", "20.25"],
    ]
    result = do_import("perk_sales", exported, tree.city)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)


def test_changed_sales_are_updated_and_recorded_in_history(tree, merchants, import_csv):
    a = merchants[0].credit_code
    import_csv("perk_sales", [P_HEADER, ["4·15红利日", "2018-04-15", a, "1000", "10"]], tree.city)
    result = import_csv("perk_sales", [P_HEADER, ["4·15红利日", "2018-04-15", a, "1200", "12"]], tree.city)
    assert (result.new, result.updated) == (0, 1)
    sale = PerkSale.objects.get()
    assert list(sale.events.order_by("pgh_id").values_list("sales", flat=True)) == [
        Decimal("1000"),
        Decimal("1200"),
    ]
