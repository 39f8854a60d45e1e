"""Shared by the sections' report tables."""

from collections.abc import Callable


def rows_with_previous(
    rows: Callable[[dict], list[tuple]], figures: dict, previous: dict | None
) -> list[dict]:
    """A section's table rows (label, text, raw value) beside last year's, matched by label."""
    prev = {label: (text, raw) for label, text, raw in rows(previous)} if previous else {}
    out = []
    for label, text, raw in rows(figures):
        p_text, p_raw = prev.get(label, ("", None))
        out.append({"label": label, "value": text, "raw": raw, "previous": p_text, "previous_raw": p_raw})
    return out
