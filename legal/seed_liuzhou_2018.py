"""The legal area's part of `seed_liuzhou_2018`: the cases behind the seed's legal paragraph —
396件 received, 500人次 concerned (135 of them migrant workers), 9 group visits of 53 people, 90
cases argued by an assigned lawyer (68 of them for migrant workers)."""

import datetime

from unionhub.core.seeding import import_header

D = datetime.date
CASES, PERSONS, MIGRANTS = 396, 500, 135
GROUP_SIZES = [6, 6, 6, 6, 6, 6, 6, 6, 5]  # 9 group visits, 53 people
LAWYER_CASES, LAWYER_MIGRANT = 90, 68
CAUSES = ["拖欠工资", "劳动合同", "社会保险", "工伤", "解除劳动关系", "其他"]
HEADERS = import_header("legal_cases")


def files(ctx) -> list:
    rows = []
    singles = CASES - len(GROUP_SIZES)
    two_person = PERSONS - sum(GROUP_SIZES) - singles  # single cases of two people
    migrants_left = MIGRANTS
    for i in range(CASES):
        group = i < len(GROUP_SIZES)
        persons = GROUP_SIZES[i] if group else (2 if i - len(GROUP_SIZES) < two_person else 1)
        lawyer = not group and len(GROUP_SIZES) <= i < len(GROUP_SIZES) + LAWYER_CASES
        if lawyer:
            migrants = 1 if i - len(GROUP_SIZES) < LAWYER_MIGRANT else 0
        else:
            migrants = 1 if migrants_left > LAWYER_MIGRANT and not group else 0
        if not lawyer:
            migrants_left -= migrants
        name, _idn = ctx.person()
        received = D(2018, 1, 3) + datetime.timedelta(days=i * 290 // CASES)
        handling = (
            ("指派律师代理仲裁" if i % 2 else "指派律师代理诉讼")
            if lawyer
            else ("法律咨询" if i % 3 else "调解")
        )
        rows.append([
            f"WQ2018{i + 1:05d}", received.isoformat(), ("来电", "来访", "网络", "信函")[i % 4] if not group else "来访",
            "是" if group else "否", persons, migrants, name, "", "", CAUSES[i % len(CAUSES)], handling,
            f"律师{i % 7 + 1}号" if lawyer else "", "受理", "", "", ctx.district(i),
        ])  # fmt: skip
    return [("legal_cases", HEADERS, rows)]
