"""Creating and correcting a contest in the browser: the city federation's staff only."""

import datetime

from django.urls import reverse

from skills.models import Contest


def test_city_staff_create_a_contest_and_open_it(city_user, client_for):
    client = client_for(city_user)
    assert "新建赛事" in client.get(reverse("skills:contests")).content.decode()
    response = client.post(
        reverse("skills:contest_create"), {"year": "2018", "name": "2018年柳州市焊工大赛", "level": "市级"}
    )
    contest = Contest.objects.get(name="2018年柳州市焊工大赛")
    assert response.status_code == 302 and response.url == reverse("skills:contest", args=[contest.pk])
    assert (contest.year, contest.level) == (2018, "市级")


def test_city_staff_correct_a_contest(city_user, client_for):
    contest = Contest.objects.create(year=2018, name="全区技能大赛", level="市级")
    client = client_for(city_user)
    assert "修改赛事" in client.get(reverse("skills:contest", args=[contest.pk])).content.decode()
    response = client.post(
        reverse("skills:contest_edit", args=[contest.pk]),
        {"year": "2018", "name": "全区技能大赛", "level": "自治区级"},
    )
    assert response.status_code == 302
    contest.refresh_from_db()
    assert contest.level == "自治区级"


def test_a_contest_in_a_future_year_or_twice_in_a_year_is_refused(city_user, client_for):
    Contest.objects.create(year=2018, name="同名大赛", level="市级")
    client = client_for(city_user)
    next_year = datetime.date.today().year + 1
    page = client.post(
        reverse("skills:contest_create"), {"year": next_year, "name": "未来大赛", "level": "市级"}
    )
    assert "年度不能晚于今年" in page.content.decode()
    page = client.post(reverse("skills:contest_create"), {"year": 2018, "name": "同名大赛", "level": "市级"})
    assert "同一年度已有同名赛事" in page.content.decode()
    assert Contest.objects.count() == 1


def test_district_staff_may_not_create_or_correct_a_contest(cz_user, client_for):
    contest = Contest.objects.create(year=2018, name="全区技能大赛", level="市级")
    client = client_for(cz_user)
    assert "新建赛事" not in client.get(reverse("skills:contests")).content.decode()
    assert client.get(reverse("skills:contest_create")).status_code == 403
    data = {"year": "2018", "name": "改名", "level": "市级"}
    assert client.post(reverse("skills:contest_edit", args=[contest.pk]), data).status_code == 403
    contest.refresh_from_db()
    assert contest.name == "全区技能大赛"
