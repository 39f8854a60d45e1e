"""Issue 15 item 11: a perk day is city-wide (every district's report and page names it), so
only the city federation creates one, by form or by import."""

import datetime

from django.urls import reverse

from perks.models import PerkDay

from .test_import_merchants import P_HEADER


def test_district_staff_cannot_create_a_city_wide_perk_day(tree, cz_user, client_for):
    client = client_for(cz_user)
    assert cz_user.has_perm("perks.add_perkday")  # the role allows it; the organization does not
    assert client.get(reverse("perks:perk_day_create")).status_code == 403
    response = client.post(
        reverse("perks:perk_day_create"), {"name": "城中区自封红利日", "date": "2018-05-01"}
    )
    assert response.status_code == 403
    assert not PerkDay.objects.exists()
    assert "新增红利日" not in client.get(reverse("perks:perk_days")).content.decode()


def test_city_staff_create_a_perk_day(tree, city_user, client_for):
    client = client_for(city_user)
    assert "新增红利日" in client.get(reverse("perks:perk_days")).content.decode()
    response = client.post(reverse("perks:perk_day_create"), {"name": "5·1红利日", "date": "2018-05-01"})
    assert response.status_code == 302
    assert PerkDay.objects.get().date == datetime.date(2018, 5, 1)


def test_a_district_import_cannot_create_a_perk_day_but_enters_sales_of_an_existing_one(
    tree, make_merchant, import_csv
):
    merchant = make_merchant(tree.cz)
    rows = [P_HEADER, ["城中区自封红利日", "2018-05-01", merchant.credit_code, "1000", "10"]]
    result = import_csv("perk_sales", rows, tree.cz)
    assert [str(p) for p in result.problems] == [
        "第2行 活动名称: 红利日“城中区自封红利日”不存在;新的红利日须由市总工会创建"
    ]
    assert not PerkDay.objects.exists()
    PerkDay.objects.create(name="4·15红利日", date=datetime.date(2018, 4, 15))
    rows = [P_HEADER, ["4·15红利日", "2018-04-15", merchant.credit_code, "1000", "10"]]
    assert import_csv("perk_sales", rows, tree.cz).ok
