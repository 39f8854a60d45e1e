from django.http import Http404

from .models import Person
from .registry import visible_roles


def person_get_for_user(*, user, pk) -> tuple[Person, list]:
    """A person and the roles `user` may see; 404 when none of the person's roles is in the
    user's subtree (a person has no organization of their own)."""
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404
    roles = visible_roles(person, user)
    if not roles and not user.is_superuser:
        raise Http404
    return person, roles
