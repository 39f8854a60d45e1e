"""The site's navigation: each work area adds its entries from AppConfig.ready().

Orders: the machinery's pages before the areas below AREAS_START, the areas' from their place
in settings.UNIONHUB_WORK_AREAS (unionhub/core/areas.py: 10, 20, ...), the machinery's pages after
the areas from AFTER_AREAS. Two items with the same order are refused at startup.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

AREAS_START = 10
AFTER_AREAS = 10_000


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    permission: str = ""  # shown only to users holding it; "" for every signed-in user


_items: list[NavItem] = []


def register_nav(item: NavItem) -> None:
    clash = [i for i in _items if i.order == item.order and i.url_name != item.url_name]
    if clash:
        raise ImproperlyConfigured(f"navigation items {item.url_name} and {clash[0].url_name}: same order")
    _items[:] = [i for i in _items if i.url_name != item.url_name] + [item]


def nav_items(user) -> list[NavItem]:
    return [
        i for i in sorted(_items, key=lambda i: i.order) if not i.permission or user.has_perm(i.permission)
    ]
