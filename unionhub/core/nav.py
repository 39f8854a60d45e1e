"""The site's navigation: each work area adds its entry from AppConfig.ready()."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    permission: str = ""  # shown only to users holding it; "" for every signed-in user


_items: list[NavItem] = []


def register_nav(item: NavItem) -> None:
    _items.append(item)


def nav_items(user) -> list[NavItem]:
    return [
        i for i in sorted(_items, key=lambda i: i.order) if not i.permission or user.has_perm(i.permission)
    ]
