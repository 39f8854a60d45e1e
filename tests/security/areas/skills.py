"""skills: a city-wide contest with an entry of LZ-CZ, a craftsman award, a model-worker title, a
promotion."""

import datetime
from decimal import Decimal

from skills.models import Contest, CraftsmanAward, Entry, ModelWorker, Promotion, Trade
from tests.security.matrix import A, Audited, record_pages

D = datetime.date

ACCESS = {
    "skills:contests": A("skills.view_entry"),
    # A contest is city-wide: every user opens it (and enters a contestant); its entries are scoped.
    "skills:contest": A("skills.view_entry", "all", pk="contest"),
    "skills:entry_add": A("skills.add_entry", "all", pk="contest"),
    # Its creation and correction: the city federation only.
    "skills:contest_create": A("skills.add_contest", "root"),
    "skills:contest_edit": A("skills.change_contest", "root", pk="contest"),
    **record_pages("skills.craftsmanaward", "award", list="skills:awards", add="skills:award_add"),
    **record_pages(
        "skills.promotion", "promotion",
        list="skills:promotions", add="skills:promotion_add", view="skills:promotion",
    ),
    "skills:promotion_lookup": A("skills.view_promotion", post=True),
    **record_pages(
        "skills.modelworker", "model_worker",
        list="skills:model_workers", add="skills:model_worker_add", view="skills:model_worker",
        change="skills:model_worker_edit",
    ),
}  # fmt: skip

AUDITED = {
    "skills.Promotion": Audited("promotion", "subsidy", Decimal("1500.00")),
    "skills.ModelWorker": Audited("model_worker", "year", 2017),
}
HISTORY_PAGES = {"skills.Promotion": "skills:promotion"}

QUERY_SHAPES = {"skills:contest": ["?print=1"], "skills:awards": ["?year=2018"]}


def records(world):
    cz = world.cz
    world.contest = Contest.objects.create(year=2018, name="2018年柳州市职工职业技能大赛", level="市级")
    trade = Trade.objects.create(name="维修电工")
    world.entry = Entry.objects.create(
        contest=world.contest, trade=trade, person=world.person, score=Decimal("90"), organization=cz
    )
    world.award = CraftsmanAward.objects.create(
        year=2018,
        title="工匠",
        person=world.person,
        employer=world.employer,
        industry=world.industry,
        organization=cz,
    )
    world.model_worker = ModelWorker.objects.create(
        person=world.person, title="全国劳动模范", year=2018, employer=world.employer, organization=cz
    )
    world.promotion = Promotion.objects.create(
        person=world.person,
        trade=trade,
        level="技师",
        certified_on=D(2018, 6, 1),
        subsidy=Decimal("2000"),
        organization=cz,
    )
