"""Helpers for the members report section: drive periods as the seed writes them (`4月至6月底`),
the trade behind a key group (`货运企业建会率`), the verdict on a drive, and bar widths."""

import calendar
import datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# The employers a key group works for, as the seed names them ("货运企业建会率为40.24%").
GROUP_TRADES = {
    "货车司机": "货运",
    "快递员": "快递",
    "护工护理员": "护理服务",
    "家政服务员": "家政服务",
    "商场信息员": "商场",
    "网约送餐员": "网约送餐",
    "房产中介员": "房产中介",
    "保安员": "保安服务",
}


def _day(d: datetime.date, with_year: bool) -> str:
    year = f"{d.year}年" if with_year else ""
    if d.day == calendar.monthrange(d.year, d.month)[1]:
        return f"{year}{d.month}月底"
    return f"{year}{d.month}月{d.day}日"


@register.filter
def period(drive: dict) -> str:
    """`4月至6月底`, `4月15日至6月20日`, `2018年11月至2019年1月底`."""
    start = datetime.date.fromisoformat(drive["start"])
    end = datetime.date.fromisoformat(drive["end"])
    across = start.year != end.year
    first = f"{start.year}年" if across else ""
    first += f"{start.month}月" if start.day == 1 else f"{start.month}月{start.day}日"
    return f"{first}至{_day(end, across)}"


@register.filter
def group_trade(group: str) -> str:
    return GROUP_TRADES.get(group, group)


@register.filter
def verdict(drive: dict) -> str:
    if not drive["met"]:
        return _("未完成任务")
    if (
        drive["join_rate"] > drive["target_join_rate"]
        and drive["founding_rate"] > drive["target_founding_rate"]
    ):
        return _("超额完成任务")
    return _("完成任务")


@register.simple_tag
def group_bars(by_group: dict, width: int = 300, pitch: int = 30) -> dict:
    """Geometry of the key-group bar chart: one row per group, two bars scaled to the largest."""
    top = max([v["total"] for v in by_group.values()] + [v["joined"] for v in by_group.values()] + [1])
    rows = []
    shown = [(group, v) for group, v in by_group.items() if v["total"] or v["joined"]]  # no bar of zeros
    for i, (group, v) in enumerate(shown):
        total_w = round(v["total"] * width / top, 1)
        joined_w = round(v["joined"] * width / top, 1)
        rows.append(
            {
                "group": group,
                "y": 30 + i * pitch,
                "total": v["total"],
                "joined": v["joined"],
                "total_w": total_w,
                "joined_w": joined_w,
                "total_x": round(104 + total_w, 1),
                "joined_x": round(104 + joined_w, 1),
            }
        )
    return {"rows": rows, "height": 30 + len(rows) * pitch + 6, "width": 100 + width + 60}


@register.simple_tag
def groups_joined(by_group: dict) -> int:
    return sum(v["joined"] for v in by_group.values())


LABEL_W = 230


@register.simple_tag
def drive_chart(progress, width: int = 360) -> dict:
    """Geometry of the drives page's chart: per drive, the join and founding rates as bars on a
    0–100% scale with the targets as marks."""
    rows = []
    for i, p in enumerate(progress):
        y = 8 + i * 48
        bars = []
        for j, (label, value, target) in enumerate(
            [
                (_("入会率"), p.join_rate, float(p.drive.target_join_rate)),
                (_("建会率"), p.founding_rate, float(p.drive.target_founding_rate)),
            ]
        ):
            shown = min(value or 0, 100)
            bars.append(
                {
                    "label": label,
                    "y": y + j * 18,
                    "w": round(shown * width / 100, 1),
                    "target_x": round(LABEL_W + target * width / 100, 1),
                    "text_x": round(LABEL_W + 4 + shown * width / 100, 1),
                    "value": value,
                    "met": value is not None and value >= target,
                }
            )
        rows.append({"name": p.drive.name, "y": y, "bars": bars})
    return {
        "rows": rows,
        "height": 12 + len(rows) * 48,
        "width": LABEL_W + width + 70,
        "x0": LABEL_W,
        "x100": LABEL_W + width,
    }
