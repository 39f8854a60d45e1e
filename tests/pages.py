"""Comparing pages as a user sees them (tests of "no oracle": two answers must not differ)."""

import re

NOT_HERE = "无法在本组织办理,请联系上级工会"

_PER_RESPONSE = [
    r'name="csrfmiddlewaretoken" value="[^"]+"',  # a fresh CSRF token and CSP nonce each time
    r'"X-CSRFToken": "[^"]+"',
    r'nonce="[^"]+"',
]


def page_as_seen(response, *typed: str) -> str:
    """The page without what differs by construction: the per-response tokens and what the user
    typed (given as `typed`)."""
    text = response.content.decode()
    for pattern in _PER_RESPONSE:
        text = re.sub(pattern, "", text)
    for value in typed:
        text = text.replace(value, "…")
    return text
