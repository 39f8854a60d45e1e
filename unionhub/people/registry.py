"""Work areas register what a person is to them (member, hardship file, case...).

A person has no organization of their own: a user may open a person when at least one of the
person's roles lies in the user's subtree. Each provider is `fn(person, user) -> list of
(label, url, description)` for the roles of `person` that `user` may see.
"""

from collections.abc import Callable, Iterable

from django.urls import reverse

_providers: list[Callable] = []


def register_person_roles(fn: Callable) -> Callable:
    _providers.append(fn)
    return fn


def record_roles(label: str, url_name: str, records: Iterable, describe: Callable) -> list:
    """Roles of one kind: (label, the page of each of `records` (URL name `url_name`, its pk),
    describe(record))."""
    return [(label, reverse(url_name, args=[r.pk]), describe(r)) for r in records]


def visible_roles(person, user) -> list:
    roles = []
    for provider in _providers:
        roles.extend(provider(person, user))
    return roles
