"""The geometry of a report section's bar chart: one bar a row, widths scaled to the largest.

    bars([("工资专项", 3), ("女职工专项", 1)])
    → {"bars": [{"label": "工资专项", "n": 3, "width": 320, "y": 0, "text": ""}, ...], "height": 60}

A section's template draws the bars (`reports/pdf/_bars.html`); `text` is the value written
after a bar when the template does not count it itself (money, say).
"""

BAR_WIDTH = 320
ROW = 30


def bars(items, *, width: int = BAR_WIDTH, row: int = ROW, text=None, most_first: bool = False) -> dict:
    """`items`: (label, value) pairs in the order of the chart, or the largest first (ties in
    their order) with `most_first`; `text(value)` writes a value."""
    items = sorted(items, key=lambda item: -item[1]) if most_first else list(items)
    top = max((n for _label, n in items), default=0) or 1
    return {
        "bars": [
            {
                "label": label,
                "n": n,
                "width": round(n / top * width),
                "y": i * row,
                "text": text(n) if text else "",
            }
            for i, (label, n) in enumerate(items)
        ],
        "height": len(items) * row,
    }
