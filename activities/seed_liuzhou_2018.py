"""The activities area's part of `seed_liuzhou_2018`: the seed's education paragraph — 31
“中国梦·劳动美 劳模工匠成长” lecture sessions by 10 劳模工匠 (the city's 柳州工匠), the speech
contest and the photo exhibition."""

from unionhub.core.seeding import import_header

HEADERS = import_header("activities")
LECTURE_SESSIONS, SPEAKERS = 31, 10


def files(ctx) -> list:
    speakers = ctx.shared["craftsmen"][:SPEAKERS]
    rows = [
        ["HD2018-001", "宣讲", "“中国梦·劳动美 劳模工匠成长”宣讲活动", "中国梦·劳动美 劳模工匠成长", "2018-03-01", "2018-10-20",
         LECTURE_SESSIONS, 6200, "", "", "、".join(speakers), "LZ"],
        ["HD2018-002", "演讲比赛", "“践行新理念 建功十三五”主题演讲比赛", "", "2018-05-10", "2018-05-10", 1, 300, "", "", "", "LZ"],
        ["HD2018-003", "展览", "柳州工业影像摄影展", "", "2018-06-01", "2018-06-30", 1, 5000, "", "", "", "LZ"],
    ]  # fmt: skip
    return [("activities", HEADERS, rows)]
