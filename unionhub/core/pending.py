"""The home page's pending work (待办): each work area says what waits for a user.

An area declares `pending_work = "selectors.pending_work"` on its AppConfig (unionhub/core/areas.py):
a function (user) -> list of PendingGroup, each scoped to the user's subtree by the area itself.
The home page shows the groups in the areas' order; a group with no item is left out.
"""

from dataclasses import dataclass, field


@dataclass
class PendingItem:
    label: str  # what the user sees (a name, a masked ID number, a date)
    url: str
    note: str = ""


@dataclass
class PendingGroup:
    title: str  # 转接待办, 待核查, ...
    count: int
    items: list[PendingItem] = field(default_factory=list)  # the first few, newest first
    more_url: str = ""  # the full list, when there is one


_providers: list[tuple[int, object]] = []


def register_pending(order: int, provider) -> None:
    _providers[:] = [(o, p) for o, p in _providers if p is not provider and o != order] + [(order, provider)]


def pending_for(user) -> list[PendingGroup]:
    """The non-empty groups of work waiting for `user`, in the areas' order."""
    if not user.is_authenticated:
        return []
    groups = []
    for _order, provider in sorted(_providers, key=lambda p: p[0]):
        groups.extend(g for g in provider(user) if g.count)
    return groups
