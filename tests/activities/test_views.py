"""Activities pages: the form with speakers, lists with filters, detail with history, scoping,
the person's page."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Activity, Honour
from tests.factories import make_id_number
from tests.pages import NOT_HERE
from unionhub.people.idnumbers import mask_id_number

D = datetime.date


def form_data(org, **values):
    data = {
        "number": "HD-F1",
        "kind": "宣讲",
        "name": "劳模宣讲进车间",
        "theme": "中国梦·劳动美 劳模工匠成长",
        "start": "2018-05-10",
        "end": "2018-05-10",
        "sessions": "2",
        "participants": "150",
        "trainee_group": "",
        "meeting_level": "",
        "speaker_ids": "",
        "organization": org.pk,
    }
    data.update(values)
    return data


def test_the_form_adds_an_activity_with_two_speakers(tree, cz_user, client_for, speakers):
    client = client_for(cz_user)
    assert client.get(reverse("activities:create")).status_code == 200
    ids = f"{speakers[0].id_number}\n{speakers[1].id_number}"
    response = client.post(reverse("activities:create"), form_data(tree.cz, speaker_ids=ids))
    activity = Activity.objects.get(number="HD-F1")
    assert response.status_code == 302 and response.url == reverse("activities:detail", args=[activity.pk])
    assert set(activity.speakers.all()) == set(speakers[:2])
    page = client.get(response.url).content.decode()
    assert "覃劳模" in page and "韦工匠" in page
    assert speakers[0].id_number not in page and speakers[0].masked_id in page


def test_the_form_names_the_field_of_each_rule(tree, cz_user, client_for, speakers):
    client = client_for(cz_user)
    unknown = make_id_number()
    response = client.post(
        reverse("activities:create"),
        form_data(tree.cz, kind="培训", speaker_ids=unknown, start="2018-05-10", end="2018-05-01"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["trainee_group"] == ["培训活动须填写培训对象"]
    assert errors["end"] == ["结束日期不能早于开始日期"]
    assert errors["speaker_ids"] == [f"主讲人{mask_id_number(unknown)}:{NOT_HERE}"]
    assert not Activity.objects.exists()


def test_a_future_activity_is_refused(tree, cz_user, client_for):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client_for(cz_user).post(
        reverse("activities:create"), form_data(tree.cz, start=tomorrow, end=tomorrow)
    )
    assert "开始日期不能晚于今天" in response.context["form"].errors["start"]
    assert not Activity.objects.exists()


def test_another_subtrees_organization_cannot_be_chosen(tree, cz_user, client_for):
    response = client_for(cz_user).post(reverse("activities:create"), form_data(tree.yf))
    assert response.status_code == 200 and "organization" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_district_sees_its_own_activities_only(tree, cz_user, client_for, make_activity, make_honour):
    mine = make_activity(tree.cz_ent, name="城中宣讲")
    theirs = make_activity(tree.yf, name="鱼峰宣讲")
    honour = make_honour(tree.yf, name="鱼峰荣誉")
    client = client_for(cz_user)
    page = client.get(reverse("activities:list")).content.decode()
    assert "城中宣讲" in page and "鱼峰宣讲" not in page
    assert "鱼峰荣誉" not in client.get(reverse("activities:honours")).content.decode()
    assert client.get(reverse("activities:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("activities:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("activities:edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("activities:edit", args=[theirs.pk]), form_data(tree.yf)).status_code == 404
    assert client.get(reverse("activities:honour", args=[honour.pk])).status_code == 404


def test_list_filters(tree, cz_user, client_for, make_activity):
    make_activity(tree.cz, kind="宣讲", name="甲宣讲")
    make_activity(tree.cz, kind="培训", trainee_group="农民工", name="乙培训")
    make_activity(tree.cz, kind="宣讲", name="丙宣讲", start=D(2017, 3, 1), end=D(2017, 3, 1))
    client = client_for(cz_user)
    page = client.get(reverse("activities:list"), {"kind": "宣讲", "year": "2018"}).content.decode()
    assert "甲宣讲" in page and "乙培训" not in page and "丙宣讲" not in page
    page = client.get(reverse("activities:list"), {"trainee_group": "农民工"}).content.decode()
    assert "乙培训" in page and "甲宣讲" not in page


def test_an_edit_is_in_the_history_with_its_speakers(tree, cz_user, client_for, speakers, make_activity):
    activity = make_activity(tree.cz, speakers=[speakers[0]], participants=100)
    client = client_for(cz_user)
    data = form_data(tree.cz, number=activity.number, participants="180", speaker_ids=speakers[2].id_number)
    data["remove_speakers"] = [speakers[0].pk]
    response = client.post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(activity.speakers.all()) == [speakers[2]]
    history = client.get(reverse("activities:detail", args=[activity.pk])).context
    changes = [c for h in history["history"] for c in h["changes"]]
    assert {"field": "参与人次", "before": 100, "after": 180} in [
        {"field": str(c["field"]), "before": c["before"], "after": c["after"]} for c in changes
    ]
    assert [(e["added"], e["person"]) for e in history["speaker_history"]][-2:] in (
        [(False, speakers[0]), (True, speakers[2])],
        [(True, speakers[2]), (False, speakers[0])],
    )
    assert history["history"][-1]["user"] == cz_user


def test_the_edit_form_shows_speakers_masked_never_in_full(
    tree, cz_user, client_for, speakers, make_activity
):
    activity = make_activity(tree.cz, speakers=[speakers[0]])
    page = client_for(cz_user).get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert speakers[0].id_number not in page and speakers[0].masked_id in page


def test_a_persons_page_lists_the_activities_they_spoke_at(
    tree, cz_user, yf_user, client_for, speakers, make_activity
):
    spoken = make_activity(tree.cz, speakers=[speakers[0]], name="城中宣讲会")
    page = client_for(cz_user).get(reverse("people:detail", args=[speakers[0].pk])).content.decode()
    assert "活动主讲人" in page and spoken.number in page
    # The sibling district sees no role of this person, so not the person either.
    assert client_for(yf_user).get(reverse("people:detail", args=[speakers[0].pk])).status_code == 404


def test_honour_form_and_rank_rule(tree, cz_user, client_for):
    client = client_for(cz_user)
    data = {
        "name": "工资集体协商工作考评一档第一名",
        "kind": "考评排名",
        "awarded_by": "自治区总工会",
        "level": "自治区级",
        "date": "2018-03-01",
        "rank": "",
        "years": "5",
        "organization": tree.cz.pk,
    }
    response = client.post(reverse("activities:honour_create"), data)
    assert response.context["form"].errors["rank"] == ["考评排名须填写名次"]
    data["rank"] = "1"
    response = client.post(reverse("activities:honour_create"), data)
    honour = Honour.objects.get()
    assert response.status_code == 302 and (honour.rank, honour.years) == (1, 5)
    assert "连续5年" in client.get(reverse("activities:honour", args=[honour.pk])).content.decode()


@pytest.mark.parametrize("url", ["activities:create", "activities:honour_create"])
def test_an_official_may_not_add(tree, make_user, client_for, url):
    from unionhub.orgs.roles import OFFICIAL

    official = make_user(tree.cz, OFFICIAL, username="official")
    assert client_for(official).get(reverse(url)).status_code == 403
    assert client_for(official).get(reverse("activities:list")).status_code == 200
