from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.forms import form_page
from unionhub.core.pages import permission_page
from unionhub.core.paging import page_of
from unionhub.core.search import search_box

from . import selectors, services
from .forms import (
    AwardForm,
    ContestFilter,
    ContestForm,
    EntryForm,
    ModelWorkerFilter,
    ModelWorkerForm,
    PromotionFilter,
    PromotionForm,
)
from .models import Contest


@permission_page("skills.view_entry")
def contests(request):
    filters = ContestFilter(request.GET)
    items = filters.apply(selectors.contests_for_user(request.user))
    page = page_of(request, items)
    can_add = request.user.has_perm("skills.add_contest") and services.may_manage_contests(request.user)
    return render(request, "skills/contests.html", {"filters": filters, "page": page, "can_add": can_add})


@permission_page("skills.view_entry")
def contest(request, pk):
    """The results table of a contest, trade by trade; `?print=1` gives the printable page."""
    contest = selectors.contest_get_for_user(user=request.user, pk=pk)
    trades: dict[str, list] = {}
    for entry in selectors.contest_results(
        contest=contest, user=request.user, trade=request.GET.get("trade")
    ):
        trades.setdefault(entry.trade.name, []).append(entry)
    template = "skills/contest_print.html" if request.GET.get("print") else "skills/contest.html"
    context = {"contest": contest, "trades": trades, "today": timezone.localdate()}
    context["can_edit"] = request.user.has_perm("skills.change_contest") and services.may_manage_contests(
        request.user
    )
    return render(request, template, context)


def _contest_form(request, contest, *, title):
    if not services.may_manage_contests(request.user):
        raise PermissionDenied  # a city-wide record: the city federation keeps it
    return form_page(
        request,
        "skills/form.html",
        ContestForm(request.POST or None, instance=contest),
        lambda f: services.contest_save(contest=f.instance, by=request.user),
        done=lambda c: _("已保存赛事“%(name)s”") % {"name": c.name},
        title=title,
        back=contest.get_absolute_url() if contest.pk else reverse("skills:contests"),
    )


@permission_page("skills.add_contest")
def contest_create(request):
    return _contest_form(request, Contest(), title=_("新建赛事"))


@permission_page("skills.change_contest")
def contest_edit(request, pk):
    contest = selectors.contest_get_for_user(user=request.user, pk=pk)
    return _contest_form(request, contest, title=_("修改赛事:%s") % contest.name)


def _with_person(save, *, by):
    """What `submitted` calls for a form of a record and its person: the service saves both."""

    def save_form(form):
        data = form.cleaned_data
        return services.save_with_person(
            form.save(commit=False),
            save,
            id_number=data["id_number"],
            name=data["name"],
            trade_name=data.get("trade_name"),
            by=by,
        )

    return save_form


@permission_page("skills.add_entry")
def entry_add(request, pk):
    contest = selectors.contest_get_for_user(user=request.user, pk=pk)
    return form_page(
        request,
        "skills/form.html",
        EntryForm(request.POST or None, user=request.user, contest=contest),
        _with_person(lambda e: services.entry_save(entry=e, by=request.user), by=request.user),
        done=lambda entry: _("已登记 %(name)s 的成绩") % {"name": entry.person.name},
        then=contest,
        title=_("登记成绩:%s") % contest.name,
    )


@permission_page("skills.view_craftsmanaward")
def awards(request):
    """柳州工匠 honour roll of one year."""
    years = selectors.award_years(request.user)
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    items = selectors.awards_for_user(user=request.user, year=year)
    return render(request, "skills/awards.html", {"awards": items, "year": year, "years": years})


@permission_page("skills.add_craftsmanaward")
def award_add(request):
    return form_page(
        request,
        "skills/form.html",
        AwardForm(request.POST or None, user=request.user),
        _with_person(lambda a: services.award_save(award=a, by=request.user), by=request.user),
        done=_("已登记"),
        then=lambda award: reverse("skills:awards") + f"?year={award.year}",
        title=_("登记柳州工匠"),
        back=reverse("skills:awards"),
    )


@permission_page("skills.view_promotion")
def promotions(request):
    """Skill promotions: the summary by trade and level, then the records."""
    filters = PromotionFilter(request.GET)
    qs = filters.apply(selectors.promotions_for_user(user=request.user))
    return _promotions_page(request, filters, qs, q=request.GET.get("q", ""))


def _promotions_page(request, filters, qs, *, q):
    rows, totals = selectors.promotion_summary(qs)
    page = page_of(request, selectors.promotion_rows(qs))
    return render(
        request,
        "skills/promotions.html",
        {"filters": filters, "rows": rows, "totals": totals, "page": page, "q": q},
    )


@permission_page("skills.view_promotion", post=True)
@search_box("skills:promotions")
def promotion_lookup(request, query):
    """The promotions of the person with this ID number."""
    qs = selectors.promotions_of_person(user=request.user, id_number=query.value)
    return _promotions_page(request, PromotionFilter(), qs, q=query.shown)


@permission_page("skills.view_promotion")
def promotion(request, pk):
    """One promotion and its history (the subsidy is money: every change, who and when)."""
    promotion = selectors.promotion_get_for_user(user=request.user, pk=pk)
    history = selectors.promotion_history(promotion)
    return render(request, "skills/promotion.html", {"promotion": promotion, "history": history})


@permission_page("skills.add_promotion")
def promotion_add(request):
    return form_page(
        request,
        "skills/form.html",
        PromotionForm(request.POST or None, user=request.user),
        _with_person(lambda p: services.promotion_save(promotion=p, by=request.user), by=request.user),
        done=_("已登记"),
        then=reverse("skills:promotions"),
        title=_("登记技能晋升"),
    )


# -- model workers (劳模) -------------------------------------------------------------------------


@permission_page("skills.view_modelworker")
def model_workers(request):
    filters = ModelWorkerFilter(request.GET)
    qs = filters.apply(selectors.model_workers_for_user(user=request.user))
    return render(
        request,
        "skills/model_workers.html",
        {
            "filters": filters,
            "page": page_of(request, qs),
            "summary": selectors.model_worker_summary(qs),
        },
    )


@permission_page("skills.view_modelworker")
def model_worker(request, pk):
    worker = selectors.model_worker_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "skills/model_worker.html",
        {"worker": worker, "history": selectors.model_worker_history(worker)},
    )


@permission_page("skills.add_modelworker")
def model_worker_add(request):
    return form_page(
        request,
        "skills/form.html",
        ModelWorkerForm(request.POST or None, user=request.user),
        _with_person(lambda w: services.model_worker_save(worker=w, by=request.user), by=request.user),
        done=lambda worker: _("已登记 %(name)s 的称号") % {"name": worker.person.name},
        title=_("登记劳模"),
        back=reverse("skills:model_workers"),
    )


@permission_page("skills.change_modelworker")
def model_worker_edit(request, pk):
    worker = selectors.model_worker_get_for_user(user=request.user, pk=pk)
    return form_page(
        request,
        "skills/form.html",
        ModelWorkerForm(request.POST or None, instance=worker, user=request.user),
        lambda f: services.model_worker_save(worker=f.save(commit=False), by=request.user),
        title=_("修改劳模称号:%(name)s") % {"name": worker.person.name},
    )
