"""Search boxes that accept a name or an ID number.

A name may travel in a URL (a GET, bookmarkable); an ID number must not (address bar, history,
server logs, Referer), so the box posts and the view tells the two apart here. Anything with a
digit in it is taken for an ID number, even a mistyped one: a name has no digits.
"""

import re

DIGIT = re.compile(r"\d")


def id_like(query: str) -> bool:
    return bool(DIGIT.search(query or ""))
