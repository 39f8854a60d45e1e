"""`seed_liuzhou_2018` gives the seed report's figures (../shared/seed/), each asserted against
the number the seed writes, and the report of that data set writes the seed's sentences.

The full data set holds 840,000 card holders (84万张); here the card holders are cut to the
members the other figures need plus a few (CARD_HOLDERS), which checks that every member holds a
card, so the full run gives 84万张."""

import datetime
import io
import subprocess

from django.core.management import call_command

from unionhub.orgs.models import Organization
from unionhub.reports.pdf import report_html
from unionhub.reports.services import report_request

AS_OF = datetime.date(2018, 10, 31)


def test_the_seed_data_set_gives_the_seed_reports_figures(db, tmp_path, monkeypatch):
    import members.seed_liuzhou_2018 as members_seed

    holders = members_seed.DRIVERS + members_seed.CHAIN_WORKERS + 1000
    monkeypatch.setattr(members_seed, "CARD_HOLDERS", holders)
    call_command("seed_liuzhou_2018", "--folder", str(tmp_path / "files"), stdout=io.StringIO())
    report = report_request(org=Organization.objects.get(code="LZ"), year=2018, as_of=AS_OF, by=None)
    f = report.figures

    drive = f["members"]["drives"][0]
    assert (drive["start"], drive["end"]) == ("2018-04-01", "2018-06-30")  # 4月至6月底
    assert 8500 < drive["joined"] < 8600  # 8500多名货车司机
    assert (drive["founding_rate"], drive["join_rate"], drive["met"]) == (40.24, 40.06, True)
    chain = f["members"]["chain"]
    assert chain["lead_enterprises"] == 6  # 6家“龙头”企业
    assert 800 < chain["enterprises_founded"] < 900  # 800多家非公企业
    assert 50000 < chain["workers_joined"] < 60000  # 5万余人
    programs = f["relief"]["programs"]
    kinds = ("春节送温暖", "金秋助学", "医疗救助", "游园活动")
    assert {kind: (programs[kind]["recipients"], programs[kind]["cash"]) for kind in kinds} == {
        "春节送温暖": (475, 950000),  # 475户 / 95万元
        "金秋助学": (251, 440000),  # 251户 / 44万元
        "医疗救助": (48, 411600),  # 48户 / 41.16万元
        "游园活动": (84, 600000),  # 84个单位 / 60万元
    }
    summer = programs["送清凉"]
    assert 40 < summer["recipients"] < 50 and 6000 < summer["people_reached"] < 7000  # 40多家 / 6000多人
    assert 890000 <= summer["cash"] + summer["goods"] < 900000  # 近90万元
    care = f["relief"]["care"]
    assert (care["暖流服务"]["points"], care["暖流服务"]["person_times"]) == (
        13,
        114700,
    )  # 13个 / 11.47万人次
    assert care["免费体检"]["person_times"] == 2500 and care["高温慰问"]["person_times"] == 2000
    legal = f["legal"]
    assert (legal["cases"], legal["persons"], legal["migrant_persons"]) == (396, 500, 135)
    assert (legal["group_visits"], legal["group_persons"]) == (9, 53)
    assert (legal["lawyer_cases"], legal["lawyer_cases_migrant"]) == (90, 68)
    skills = f["skills"]
    assert 200 < skills["city_contestants"] < 300  # 200多名选手
    assert skills["provincial"] == {"trades": 13, "first_places": 4, "top_ten": 32}
    assert (skills["team_rank"], skills["national_entrants"]) == (1, 6)
    assert (skills["craftsmen"]["工匠"], skills["craftsmen"]["提名奖"]) == (10, 11)
    assert skills["promotions"]["by_level"] == {"中级工": 145, "高级工": 147, "技师": 180, "高级技师": 80}
    assert skills["promotions"]["subsidy"] == 500000  # 50万元
    perks = f["perks"]
    assert perks["cards_issued"] == holders  # every member a card: 840,000 in the full set
    assert (perks["merchants"], 600 < perks["stores"] < 700) == (119, True)  # 119家 / 600多家
    assert [d["sales"] for d in perks["perk_days"]] == [29100000, 30480000]  # 2910万元和3048万元
    assert perks["discount_total"] == 10530000  # 1053万元
    lectures = f["activities"]["by_kind"]["宣讲"]
    assert (lectures["sessions"], f["activities"]["speakers"]) == (31, 10)  # 31场宣讲 / 10名劳模工匠

    text = "".join(report_html(report=report).split())
    for sentence in (
        "4月至6月底，全市以优质服务吸引了8500多名货车司机加入工会组织",
        "货运企业建会率为40.24%，货车司机入会率为40.06%，超额完成任务",
        "6家“龙头”企业工会推动链上800多家非公企业组建工会，吸纳职工5万余人",
        "全市评选出10名“柳州工匠”和11名“柳州工匠”提名奖",
        "有200多名选手上场竞技",
        "获得4个工种的第一名，32名选手进入前十名，6人代表广西参加国赛，位列团体总分第一名",
        "晋升高级技师80人，晋升技师180人，晋升高级工147人，晋升中级工145人，拨付培训补贴50万元",
        "春节送温暖慰问困难职工475户，发放慰问金95万元",
        "慰问困难学子251户，发放助学金44万元",
        "医疗救助48户，发放救助金41.16万元",
        "下拨游园款60万元，支持84个单位开展游园活动",
        "“送清凉”慰问企业40多家，慰问职工、农民工6000多人，共计发放慰问物资近90万元",
        "共设置13个暖流服务点，服务返乡农民工11.47万人次",
        "职工维权中心接待来电来访业务共396件，涉及500人次，其中农民工135人次",
        "群体性来访9次，涉及53人",
        "代理仲裁和诉讼案件90件，其中农民工68件",
        "累计拓展特约服务商户119家，服务门店600多家",
        "两天销售额分别高达2910万元和3048万元，为工会会员让利1053万元",
        "开展31场“中国梦·劳动美劳模工匠成长”宣讲活动",
        "10名劳模工匠进企业、进校园、进车间班组、进社区街道",
        "一、“2018年货车司机入会集中行动”取得突破",  # the headline proposed from the figures
    ):
        assert sentence in text, sentence
    pdf = subprocess.run(
        ["pdftotext", report.pdf.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "8500多名货车司机" in "".join(pdf.split())
