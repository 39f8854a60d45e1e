"""What guards every page: a signed-in user holding the page's permission.

    @permission_page("legal.view_case")
    def cases(request): ...

    @permission_page("legal.change_case", post=True)
    def case_status(request, pk): ...

Someone not signed in is sent to sign in; a signed-in user without the permission gets the 403
page (never the login page again); with `post=True` anything but a POST is a 405 before either.
What a user may see of the records is the selectors' and services' business (their subtree).
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.views.decorators.http import require_POST


def permission_page(perm: str, *, post: bool = False):
    def decorate(view):
        guarded = login_required(permission_required(perm, raise_exception=True)(view))
        return require_POST(guarded) if post else guarded

    return decorate
