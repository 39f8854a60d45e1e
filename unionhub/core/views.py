from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from unionhub.orgs.scoping import user_root


@login_required
def home(request):
    return render(request, "home.html", {"root": user_root(request.user)})
