"""The one classifier of what a search box was given: an ID number, a card or mobile number, a
credit code, or a name.

A name may travel in a URL (a GET, bookmarkable); an ID number must not (address bar, history,
server logs, Referer), so the boxes post and the views ask `classify` what they were given.
Anything with a digit in it that is not a valid credit code is private, even a mistyped ID
number (17 digits, a wrong check character): a name has no digits, and a wrong number is still
somebody's number.
"""

import enum
import re
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from unionhub.people.idnumbers import (
    ID_RE,
    USCC_RE,
    mask_id_number,
    normalize_credit_code,
    normalize_id_number,
    validate_credit_code,
    validate_id_number,
)

DIGIT = re.compile(r"\d")
PHONE_RE = re.compile(r"^1\d{10}$")
CARD_RE = re.compile(r"^\d{1,30}$")
# What a search box keeps of its text: longer is not a name nor a number of ours.
MAX_QUERY = 30


class Kind(enum.StrEnum):
    EMPTY = "empty"
    ID_NUMBER = "id_number"  # a valid resident ID number
    ID_LIKE = "id_like"  # digits that are not a valid number of any kind we know: maybe a mistyped ID
    PHONE = "phone"  # a mainland mobile number
    CREDIT_CODE = "credit_code"  # a valid unified social credit code
    CARD = "card"  # digits only: a member card's number (only where the box asks for cards)
    NAME = "name"  # no digit


PRIVATE = {Kind.ID_NUMBER, Kind.ID_LIKE, Kind.PHONE, Kind.CARD}


@dataclass(frozen=True)
class Query:
    kind: Kind
    value: str  # normalised: an ID number or credit code upper-cased and compacted, else stripped

    @property
    def private(self) -> bool:
        """Never put it in a URL: answer the POST with the page instead of redirecting."""
        return self.kind in PRIVATE

    @property
    def shown(self) -> str:
        """What the page may say it searched for: an ID-shaped number masked."""
        if self.kind in (Kind.ID_NUMBER, Kind.ID_LIKE):
            return mask_id_number(self.value)
        return self.value

    def __bool__(self):
        return self.kind is not Kind.EMPTY


def _passes(value: str, pattern: re.Pattern, validate) -> bool:
    """`value` has the shape of `pattern` and passes `validate` (its check digit)."""
    if not pattern.match(value):
        return False
    try:
        validate(value)
    except ValidationError:
        return False
    return True


def is_id_number(text: str) -> bool:
    """A valid ID number (not merely 18 characters: a credit code may be all digits too)."""
    return _passes(normalize_id_number(text), ID_RE, validate_id_number)


def is_credit_code(text: str) -> bool:
    return _passes(normalize_credit_code(text), USCC_RE, validate_credit_code)


def classify(text: str | None, *, cards: bool = False) -> Query:
    """What `text` is. With `cards`, digits that are not an ID number are a card number."""
    text = (text or "").strip()[:MAX_QUERY]
    if not text:
        return Query(Kind.EMPTY, "")
    if is_id_number(text):
        return Query(Kind.ID_NUMBER, normalize_id_number(text))
    if cards and CARD_RE.match(text):
        return Query(Kind.CARD, text)
    if is_credit_code(text):
        return Query(Kind.CREDIT_CODE, normalize_credit_code(text))
    if PHONE_RE.match(text):
        return Query(Kind.PHONE, text)
    if DIGIT.search(text):
        return Query(Kind.ID_LIKE, normalize_id_number(text))
    return Query(Kind.NAME, text)


def id_like(text: str) -> bool:
    """Must stay out of URLs (kept for callers that only need the yes/no)."""
    return classify(text).private


def search_box(list_url_name: str):
    """The view of a list's search box. The box posts, so an ID or mobile number never lands in a
    URL or a log (nor does a mistyped ID number): the view is called as `view(request, query)`
    only for such a private text, and answers it itself (the page shows the masked number); a
    name or a credit code goes on to the list `list_url_name` as a GET, kept in the URL."""

    def decorate(view):
        @wraps(view)
        def search(request):
            query = classify(request.POST.get("q", ""))
            if query.private:
                return view(request, query)
            list_url = reverse(list_url_name)
            return redirect(f"{list_url}?{urlencode({'q': query.value})}" if query else list_url)

        return search

    return decorate
