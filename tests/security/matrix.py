"""The vocabulary of the permission matrix (test_permissions.py), shared by the work areas'
fixture modules in tests/security/areas/<label>.py."""

from dataclasses import dataclass, field

LOGIN = "login"  # any signed-in user


@dataclass(frozen=True)
class Access:
    """What a URL needs: a permission ("" = signed in, None = public), the scope of the record
    its arguments name, whether it only takes POST, and its arguments (kwarg -> world attribute)."""

    perm: str | None
    scope: str = ""  # "" no record | "cz" | "all" | "up" | "up_edit" | "creator"
    post: bool = False
    kwargs: dict = field(default_factory=dict)
    post_perm: str = ""  # a page anyone may read whose POST needs more (a list with its add form)


def A(perm, scope="", post=False, post_perm="", **kwargs):
    return Access(perm, scope, post, kwargs, post_perm)


PUBLIC = Access(None)


def record_pages(model: str, pk: str, *, list="", add="", view="", change="", actions=()) -> dict:
    """The ACCESS entries of one kind of record (`model` "app.modelname", the world's record in
    `pk`), by URL name: its list and its add page need the permission alone; its page, its edit
    page and each of its POST `actions`, the permission and a record of the user's subtree."""
    app, name = model.split(".")
    out = {}
    if list:
        out[list] = A(f"{app}.view_{name}")
    if add:
        out[add] = A(f"{app}.add_{name}")
    if view:
        out[view] = A(f"{app}.view_{name}", "cz", pk=pk)
    if change:
        out[change] = A(f"{app}.change_{name}", "cz", pk=pk)
    for action in actions:
        out[action] = A(f"{app}.change_{name}", "cz", post=True, pk=pk)
    return out


@dataclass(frozen=True)
class Audited:
    """A tracked model's audit check (tests/security/test_audit.py): the world's record, a field
    whose change must be kept and a new value for it."""

    record: str  # the World attribute holding one record
    field: str  # a field whose change must be kept
    value: object  # a new value for it
    snapshots_insert: bool = True  # the creation is an event too (so the value before is known)
