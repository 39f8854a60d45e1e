"""The speaker field is no oracle into other subtrees (issue 15, item 5): a staff user who types an
ID number gets the same page whether the number is a person of another district, a person known to
nobody they can see, or a number nobody has; the import says the same in the same words. A person
of the user's own subtree is named as before."""

import pytest
from django.urls import reverse

from activities.models import Activity
from skills.models import ModelWorker, ModelWorkerTitle
from tests.factories import PersonFactory, make_id_number
from tests.pages import NOT_HERE
from tests.pages import page_as_seen as page
from unionhub.people.idnumbers import mask_id_number

from .conftest import do_import, problems_text, write_csv
from .test_imports import HEADER
from .test_views import form_data


@pytest.fixture
def elsewhere(tree, make_activity):
    """Numbers a 城中区 user may not name: a model worker of 鱼峰区, a speaker at a 鱼峰区 activity,
    a person with no record anywhere, and a number nobody has."""
    worker = PersonFactory(name="鱼峰劳模")
    ModelWorker.objects.create(
        person=worker, title=ModelWorkerTitle.NATIONAL_MODEL, year=2016, organization=tree.yf
    )
    speaker = PersonFactory(name="鱼峰讲师")
    make_activity(tree.yf, speakers=[speaker], name="鱼峰宣讲")
    loner = PersonFactory(name="无记录")
    return [worker.id_number, speaker.id_number, loner.id_number, make_id_number(seq=977)]


def seen(response, number):
    return page(response, number, mask_id_number(number))


def test_the_new_activity_form_answers_the_same_for_every_number_it_may_not_use(
    tree, cz_user, client_for, elsewhere
):
    client = client_for(cz_user)
    before = Activity.objects.count()
    responses = [
        client.post(reverse("activities:create"), form_data(tree.cz, speaker_ids=n)) for n in elsewhere
    ]
    for response, number in zip(responses, elsewhere, strict=True):
        assert response.status_code == 200
        assert response.context["form"].errors["speaker_ids"] == [
            f"主讲人{mask_id_number(number)}:{NOT_HERE}"
        ]
    pages = {seen(r, n) for r, n in zip(responses, elsewhere, strict=True)}
    assert len(pages) == 1  # not one character tells them apart
    text = pages.pop()
    assert "鱼峰劳模" not in text and "鱼峰讲师" not in text
    assert Activity.objects.count() == before


def test_the_change_form_answers_the_same_too(tree, cz_user, client_for, elsewhere, make_activity, speakers):
    activity = make_activity(tree.cz, speakers=[speakers[0]])
    client = client_for(cz_user)
    url = reverse("activities:edit", args=[activity.pk])
    responses = [
        client.post(
            url, form_data(tree.cz, number=activity.number, speaker_ids=f"{speakers[1].id_number}、{n}")
        )
        for n in elsewhere
    ]
    assert len({seen(r, n) for r, n in zip(responses, elsewhere, strict=True)}) == 1
    assert list(activity.speakers.all()) == [speakers[0]]  # nothing added, not even the good one


def test_a_person_of_the_users_subtree_is_still_a_speaker(tree, cz_user, client_for, speakers):
    response = client_for(cz_user).post(
        reverse("activities:create"), form_data(tree.cz, speaker_ids=speakers[2].id_number)
    )
    assert response.status_code == 302
    assert list(Activity.objects.get(number="HD-F1").speakers.all()) == [speakers[2]]


def test_the_import_says_the_same_for_every_number_it_may_not_use(tree, tmp_path, make_user, elsewhere):
    from unionhub.orgs.roles import ADMIN, STAFF

    admin = make_user(tree.cz, STAFF, ADMIN, username="czimport")
    answers = set()
    for i, number in enumerate(elsewhere):
        row = [
            "HD-I1",
            "宣讲",
            "宣讲进社区",
            "",
            "2018-05-10",
            "2018-05-10",
            "1",
            "80",
            "",
            "",
            number,
            "LZ-CZ",
        ]
        path = write_csv(tmp_path / f"a{i}.csv", [HEADER, row])
        result = do_import("activities", path, tree.cz, user=admin)
        assert not result.ok
        answers.add(tuple(t.replace(mask_id_number(number), "…") for t in problems_text(result)))
    assert answers == {(f"第2行 主讲人身份证号: 主讲人…:{NOT_HERE}",)}
    assert not Activity.objects.filter(number="HD-I1").exists()
