from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from unionhub.core.pages import permission_page

from .selectors import person_get_for_user
from .services import full_id_view_record


@login_required
def detail(request, pk):
    person, roles = person_get_for_user(user=request.user, pk=pk)
    return render(request, "people/detail.html", {"person": person, "roles": roles})


@permission_page("people.view_full_id", post=True)
def full_id(request, pk):
    """Reveal the full ID number (a POST, so it is never in a URL or a prefetch) and log it."""
    person, _ = person_get_for_user(user=request.user, pk=pk)
    full_id_view_record(user=request.user, person=person)
    return render(request, "people/full_id.html", {"person": person})
