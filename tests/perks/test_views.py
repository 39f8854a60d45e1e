import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from perks.models import MemberCard, Merchant, PerkSale, Store


@pytest.fixture
def cz_card(tree, make_member, make_card):
    return make_card(make_member(tree.cz), number="62170010000001")


@pytest.fixture
def yf_card(tree, make_member, make_card):
    return make_card(make_member(tree.yf), number="62170010000002")


# --- scoping ---------------------------------------------------------------------------------


@pytest.fixture
def records(tree, cz_card, make_merchant, make_sale, day_415):
    merchant = make_merchant(tree.cz, stores=1)
    sale = make_sale(day_415, merchant, "1000", "100")
    return {"card": cz_card, "merchant": merchant, "store": merchant.stores.get(), "sale": sale}


def record_urls(r):
    card, merchant = r["card"].pk, r["merchant"].pk
    return [
        ("get", reverse("perks:card", args=[card])),
        ("post", reverse("perks:card_report_lost", args=[card])),
        ("post", reverse("perks:card_cancel", args=[card])),
        ("post", reverse("perks:card_reissue", args=[card])),
        ("get", reverse("perks:merchant", args=[merchant])),
        ("get", reverse("perks:merchant_edit", args=[merchant])),
        ("get", reverse("perks:store_create", args=[merchant])),
        ("get", reverse("perks:store_edit", args=[r["store"].pk])),
        ("get", reverse("perks:perk_sale", args=[r["sale"].pk])),
        ("get", reverse("perks:perk_sale_edit", args=[r["sale"].pk])),
    ]


def test_a_sibling_district_gets_404_on_every_record_url(records, yf_user, client_for):
    client = client_for(yf_user)
    for method, url in record_urls(records):
        assert getattr(client, method)(url).status_code == 404, url
    records["card"].refresh_from_db()
    assert records["card"].status == MemberCard.Status.ACTIVE


def test_the_district_itself_opens_every_record_url(records, cz_user, client_for):
    client = client_for(cz_user)
    for method, url in record_urls(records):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_anonymous_users_are_sent_to_log_in(records, client):
    for url in [reverse("perks:cards"), reverse("perks:merchants"), reverse("perks:perk_days")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_official_may_look_but_not_issue(tree, make_user, client_for):
    official = client_for(make_user(tree.city, "领导"))
    assert official.get(reverse("perks:cards")).status_code == 200
    assert official.get(reverse("perks:card_issue")).status_code == 403


# --- cards -----------------------------------------------------------------------------------


def test_card_list_shows_only_the_subtree_with_masked_ids(cz_card, yf_card, cz_user, client_for):
    response = client_for(cz_user).get(reverse("perks:cards"))
    body = response.content.decode()
    assert cz_card.number in body and yf_card.number not in body
    assert cz_card.member.person.id_number not in body
    assert cz_card.member.person.masked_id in body


@pytest.mark.parametrize("who", ["city_user", "cz_user"])  # the two plans of cards_for_user
def test_card_list_query_count_does_not_grow_with_the_page(
    who, request, tree, make_member, make_card, client_for, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(who))
    make_card(make_member(tree.cz))
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("perks:cards"))
    for _ in range(20):
        make_card(make_member(tree.cz_ent))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("perks:cards"), {"status": "正常", "year": "2018"})
    assert response.content.decode().count("62170") >= 20


def test_card_list_filters_by_organization_subtree(tree, cz_card, yf_card, city_user, client_for):
    response = client_for(city_user).get(reverse("perks:cards"), {"organization": tree.yf.pk})
    body = response.content.decode()
    assert yf_card.number in body and cz_card.number not in body


def test_lookup_by_id_number_is_a_post_and_finds_the_members_cards(cz_card, yf_card, cz_user, client_for):
    client = client_for(cz_user)
    assert client.get(reverse("perks:card_lookup")).status_code == 405
    body = client.post(reverse("perks:card_lookup"), {"q": cz_card.member.person.id_number}).content.decode()
    assert cz_card.number in body
    assert cz_card.member.person.id_number not in body
    # another district's member is simply not found
    body = client.post(reverse("perks:card_lookup"), {"q": yf_card.member.person.id_number}).content.decode()
    assert yf_card.number not in body


def test_lookup_by_card_number(cz_card, cz_user, client_for):
    body = client_for(cz_user).post(reverse("perks:card_lookup"), {"q": cz_card.number}).content.decode()
    assert reverse("perks:card", args=[cz_card.pk]) in body


def test_issue_form_refuses_a_non_member_and_a_member_elsewhere_in_the_same_words(
    tree, yf_card, cz_user, client_for
):
    from tests.factories import PersonFactory, make_id_number
    from tests.pages import NOT_HERE, page_as_seen

    client = client_for(cz_user)

    def issue(number):
        data = {"id_number": number, "number": "62170010000009", "issued_on": "2018-05-01"}
        response = client.post(reverse("perks:card_issue"), data)
        assert response.context["form"].errors["id_number"] == [NOT_HERE]
        return page_as_seen(response, number)

    theirs = yf_card.member.person.id_number
    assert issue(PersonFactory().id_number) == issue(theirs) == issue(make_id_number(seq=903))
    assert MemberCard.objects.count() == 1


def test_issue_form_refuses_a_second_card_in_force(cz_card, cz_user, client_for):
    data = {
        "id_number": cz_card.member.person.id_number,
        "number": "62170010000009",
        "issued_on": "2018-05-01",
    }
    response = client_for(cz_user).post(reverse("perks:card_issue"), data)
    assert "该会员已有在用的会员卡" in response.content.decode()
    assert MemberCard.objects.count() == 1


def test_issue_form_issues_a_card(tree, make_member, cz_user, client_for):
    member = make_member(tree.cz_ent)
    data = {"id_number": member.person.id_number, "number": "62170010000009", "issued_on": "2018-05-01"}
    response = client_for(cz_user).post(reverse("perks:card_issue"), data)
    card = MemberCard.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("perks:card", args=[card.pk])
    assert card.member == member


def test_report_lost_then_reissue_through_the_pages(cz_card, cz_user, client_for):
    client = client_for(cz_user)
    client.post(reverse("perks:card_report_lost", args=[cz_card.pk]))
    cz_card.refresh_from_db()
    assert cz_card.status == MemberCard.Status.LOST
    response = client.post(
        reverse("perks:card_reissue", args=[cz_card.pk]),
        {"number": "62170010000077", "issued_on": "2018-06-01"},
    )
    new = MemberCard.objects.get(number="62170010000077")
    assert response["Location"] == reverse("perks:card", args=[new.pk])
    body = client.get(response["Location"]).content.decode()
    assert cz_card.number in body  # the old card is in the member's history
    cz_card.refresh_from_db()
    assert cz_card.status == MemberCard.Status.CANCELLED


def test_reissue_with_a_used_number_shows_the_reason(cz_card, yf_card, cz_user, client_for):
    client = client_for(cz_user)
    client.post(reverse("perks:card_report_lost", args=[cz_card.pk]))
    response = client.post(
        reverse("perks:card_reissue", args=[cz_card.pk]),
        {"number": yf_card.number, "issued_on": "2018-06-01"},
    )
    assert response.status_code == 400
    assert "卡号已被使用" in response.content.decode()


def test_cancel_through_the_page(cz_card, cz_user, client_for):
    client_for(cz_user).post(reverse("perks:card_cancel", args=[cz_card.pk]))
    cz_card.refresh_from_db()
    assert cz_card.status == MemberCard.Status.CANCELLED


def test_person_page_lists_the_persons_cards(cz_card, cz_user, yf_user, client_for):
    url = reverse("people:detail", args=[cz_card.member.person_id])
    assert cz_card.number in client_for(cz_user).get(url).content.decode()
    assert client_for(yf_user).get(url).status_code == 404


# --- merchants and stores --------------------------------------------------------------------


def test_directory_filters_by_category_and_district(tree, make_merchant, city_user, client_for):
    food = make_merchant(tree.cz_ent, category=Merchant.Category.CATERING, name="城中餐馆")
    shop = make_merchant(tree.cz, category=Merchant.Category.MARKET, name="城中超市")
    other = make_merchant(tree.yf, category=Merchant.Category.CATERING, name="鱼峰餐馆")
    client = client_for(city_user)
    body = client.get(
        reverse("perks:merchants"), {"category": "餐饮", "district": tree.cz.pk}
    ).content.decode()
    assert food.name in body and shop.name not in body and other.name not in body


def test_directory_district_choices_are_only_visible_districts(tree, cz_user, client_for):
    body = client_for(cz_user).get(reverse("perks:merchants")).content.decode()
    assert "鱼峰区总工会" not in body


def test_merchant_form_says_what_is_wrong_field_by_field(tree, cz_user, client_for):
    data = {
        "name": "",
        "credit_code": "91450200ABCDEFGHIJ",
        "category": "商超",
        "perks": "9折",
        "signed_on": "2018-01-01",
        "organization": tree.yf.pk,
    }
    body = client_for(cz_user).post(reverse("perks:merchant_create"), data).content.decode()
    assert "这个字段是必填项" in body or "必填" in body
    assert "统一社会信用代码" in body
    assert "选择一个有效的选项" in body  # the sibling district is not a choice
    assert not Merchant.objects.exists()


def test_merchant_form_creates_a_merchant(tree, cz_user, client_for):
    from tests.factories import make_credit_code

    code = make_credit_code()
    data = {
        "name": "城中书店",
        "credit_code": code.lower(),
        "category": "教育",
        "perks": "9折",
        "signed_on": "2018-01-01",
        "organization": tree.cz_ent.pk,
    }
    response = client_for(cz_user).post(reverse("perks:merchant_create"), data)
    merchant = Merchant.objects.get()
    assert response["Location"] == reverse("perks:merchant", args=[merchant.pk])
    assert merchant.credit_code == code


def test_store_form_refuses_a_second_store_of_the_same_name(tree, make_merchant, cz_user, client_for):
    merchant = make_merchant(tree.cz, stores=1)
    name = merchant.stores.get().name
    url = reverse("perks:store_create", args=[merchant.pk])
    body = client_for(cz_user).post(url, {"name": name, "address": "某路"}).content.decode()
    assert "该商户已有同名门店" in body
    assert Store.objects.count() == 1


# --- perk days -------------------------------------------------------------------------------


def test_perk_day_page_totals_only_visible_merchants(
    tree, make_merchant, make_sale, day_415, cz_user, client_for
):
    make_sale(day_415, make_merchant(tree.cz), "1000000", "300000")
    make_sale(day_415, make_merchant(tree.cz_ent), "500000", "100000")
    make_sale(day_415, make_merchant(tree.yf), "9990000", "999000")
    body = client_for(cz_user).get(reverse("perks:perk_day", args=[day_415.pk])).content.decode()
    assert "150万元" in body and "40万元" in body
    assert "999万元" not in body
    assert "<svg" in body


def test_perk_days_list(day_415, cz_user, client_for):
    body = client_for(cz_user).get(reverse("perks:perk_days")).content.decode()
    assert day_415.name in body


def test_sale_form_refuses_a_discount_above_sales(tree, make_merchant, day_415, cz_user, client_for):
    merchant = make_merchant(tree.cz)
    url = reverse("perks:perk_sale_create", args=[day_415.pk])
    response = client_for(cz_user).post(
        url, {"merchant": merchant.pk, "sales": "1000", "discount": "1000.01"}
    )
    body = response.content.decode()
    assert body.count("让利金额不能大于销售额") == 1
    assert not PerkSale.objects.exists()


def test_sale_form_refuses_a_second_sale_of_a_merchant_on_the_day(
    tree, make_merchant, make_sale, day_415, cz_user, client_for
):
    merchant = make_merchant(tree.cz)
    make_sale(day_415, merchant, "10", "1")
    url = reverse("perks:perk_sale_create", args=[day_415.pk])
    body = (
        client_for(cz_user)
        .post(url, {"merchant": merchant.pk, "sales": "20", "discount": "2"})
        .content.decode()
    )
    assert "该商户在本红利日已有销售记录" in body


def test_sale_form_offers_only_visible_merchants(tree, make_merchant, day_415, cz_user, client_for):
    theirs = make_merchant(tree.yf)
    url = reverse("perks:perk_sale_create", args=[day_415.pk])
    response = client_for(cz_user).post(url, {"merchant": theirs.pk, "sales": "20", "discount": "2"})
    assert theirs.name not in response.content.decode()
    assert not PerkSale.objects.exists()


def test_sale_form_records_a_sale(tree, make_merchant, day_415, cz_user, client_for):
    merchant = make_merchant(tree.cz)
    url = reverse("perks:perk_sale_create", args=[day_415.pk])
    response = client_for(cz_user).post(url, {"merchant": merchant.pk, "sales": "1000", "discount": "100"})
    assert response["Location"] == reverse("perks:perk_day", args=[day_415.pk])
    assert PerkSale.objects.get().discount == 100


def test_perk_day_form(city_user, client_for):
    response = client_for(city_user).post(
        reverse("perks:perk_day_create"), {"name": "5·1红利日", "date": "2018-05-01"}
    )
    assert response.status_code == 302
    from perks.models import PerkDay

    assert PerkDay.objects.get().date == datetime.date(2018, 5, 1)


def test_a_sales_page_shows_each_change_from_the_form_with_who(
    tree, make_merchant, make_sale, day_415, cz_user, client_for
):
    sale = make_sale(day_415, make_merchant(tree.cz), "1000", "100")
    client = client_for(cz_user)
    edit = reverse("perks:perk_sale_edit", args=[sale.pk])
    data = {"merchant": sale.merchant_id, "sales": "1200", "discount": "100"}
    assert client.post(edit, data).status_code == 302
    day = client.get(reverse("perks:perk_day", args=[day_415.pk])).content.decode()
    assert reverse("perks:perk_sale", args=[sale.pk]) in day
    response = client.get(reverse("perks:perk_sale", args=[sale.pk]))
    [_created, changed] = response.context["history"]
    assert [(str(c["field"]), c["before"], c["after"]) for c in changed["changes"]] == [
        ("销售额", Decimal("1000.00"), Decimal("1200.00"))
    ]
    assert changed["user"] == cz_user


def test_merchant_store_and_sale_writes_go_through_services_that_recheck_the_scope(
    tree, make_merchant, make_sale, day_415, cz_user
):
    """Views only parse and render: a merchant, a store or a perk-day sale (money) of another
    district is refused by the service itself, whatever the form let through."""
    from django.core.exceptions import PermissionDenied

    from perks import services

    theirs = make_merchant(tree.yf, stores=1)
    sale = make_sale(day_415, theirs, "1000", "100")
    sale.sales = Decimal("1")
    for write in (
        lambda: services.merchant_save(merchant=theirs, by=cz_user),
        lambda: services.store_save(store=theirs.stores.get(), by=cz_user),
        lambda: services.perk_sale_save(sale=sale, by=cz_user),
    ):
        with pytest.raises(PermissionDenied):
            write()
    mine = make_merchant(tree.cz)
    moved = PerkSale(day=day_415, merchant=mine, sales=Decimal("5"), discount=Decimal("1"))
    assert services.perk_sale_save(sale=moved, by=cz_user).pk
    theirs.refresh_from_db()
    assert PerkSale.objects.get(pk=sale.pk).sales == Decimal("1000")
