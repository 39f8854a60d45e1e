"""Find or create a person by ID number: the one place every form, service and import kind
resolves "姓名 + 身份证号" to a Person.

`person_resolve` validates the number, locks the person's row, creates the person or updates
their phone, and refuses in one vocabulary:

- `NAME_DISAGREES` on the name field when the user may see the person (a typo of theirs);
- `OUT_OF_SCOPE` on the ID number field for anything about a person the user may not see: a
  name that differs from the one on record, a membership, a file elsewhere. The same words a
  form says when the person does not exist at all (`person_in_scope`), so a form is no oracle
  into other subtrees (issue 15, item 5).

Creating is race-safe: two clerks creating the same new person at the same moment both end on
one row. The insert runs in a savepoint; the second waits on the unique index until the first
commits, gets the IntegrityError, and re-reads the row (issue 15, item 6).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .idnumbers import validate_id_number
from .models import FullIdView, Person
from .registry import visible_roles

NAME_DISAGREES = _("姓名与身份证号不一致")
OUT_OF_SCOPE = _("无法在本组织办理,请联系上级工会")
NAME_REQUIRED = _("新人员须填写姓名")


def out_of_scope(field: str | None = "id_number") -> ValidationError:
    """The refusal for a person outside the user's subtree, or for one who does not exist
    where only a known person will do: the same words, on the ID number's field (`None`: a
    plain error, for a form field's own clean method)."""
    if field is None:
        return ValidationError(OUT_OF_SCOPE, code="out_of_scope")
    return ValidationError({field: OUT_OF_SCOPE}, code="out_of_scope")


def person_visible_to(person: Person, user) -> bool:
    """`user` may see `person`: one of the person's roles lies in the user's subtree."""
    return bool(user.is_superuser or visible_roles(person, user))


def name_problem(person: Person, name: str | None) -> str | None:
    """The rule of a known person (forms and imports alike): the name must agree."""
    if name and person.name != name:
        return NAME_DISAGREES
    return None


def _validated(id_number: str, field: str | None) -> str:
    try:
        return validate_id_number(id_number)
    except ValidationError as exc:
        if field is None:
            raise
        raise ValidationError({field: exc.error_list})


def _insert(number: str, name: str, phone: str) -> Person | None:
    """Create the person, or None when someone else created them first (then re-read)."""
    person = Person(id_number=number, name=name, phone=phone or "")
    person.derive_from_id()
    try:
        person.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise ValidationError({k: v for k, v in exc.message_dict.items()})
    try:
        with transaction.atomic():
            person.save(force_insert=True)
    except IntegrityError:
        return None  # the unique index said someone else has just created them
    return person


def person_resolve(
    *,
    id_number: str,
    name: str | None = None,
    phone: str = "",
    by=None,
    create: bool = True,
    update_phone: bool = True,
    id_field: str = "id_number",
    name_field: str = "name",
) -> Person:
    """The person of `id_number`, locked for the rest of the transaction: found (the name must
    agree, the phone is updated when given) or, with `create`, created.

    `by` is the user of a form: a refusal about a person they may not see is `OUT_OF_SCOPE`
    and nothing else; without `create` an unknown number is refused in the same words. Errors
    name `id_field` and `name_field`, the caller's form fields."""
    number = _validated(id_number, id_field)
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(id_number=number).first()
        if person is None:
            if not create:
                raise out_of_scope(id_field)
            if not name:
                raise ValidationError({name_field: NAME_REQUIRED})
            person = _insert(number, name, phone)
            if person is not None:
                return person
            person = Person.objects.select_for_update().get(id_number=number)
        problem = name_problem(person, name)
        if problem:
            if by is not None and not person_visible_to(person, by):
                raise out_of_scope(id_field)
            raise ValidationError({name_field: problem}, code="name_disagrees")
        if update_phone and phone and person.phone != phone:
            person.phone = phone
            person.save(update_fields=["phone"])
    return person


def person_in_scope(*, id_number: str, by, id_field: str | None = "id_number") -> Person:
    """A person who must already be known to `by` (the payment form's recipient): a number
    nobody has and a person of another subtree are refused in the same words."""
    number = _validated(id_number, id_field)
    person = Person.objects.filter(id_number=number).first()
    if person is None or not person_visible_to(person, by):
        raise out_of_scope(id_field)
    return person


def full_id_view_record(*, user, person: Person):
    """Log that `user` opened `person`'s full ID number (个人信息查看日志)."""
    return FullIdView.objects.create(user=user, person=person)
