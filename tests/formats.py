"""The column headers of every import kind, in the order of the contract's tables
(../shared/docs/import-formats.md), written down here once for the tests and the sample year.

Deliberately not read from the app's kinds: a test that writes a file with these headers checks
the app against the contract, not against itself.
"""

HEADERS = {
    "orgs": ["组织代码", "组织名称", "上级组织代码", "组织类型"],
    "employers": ["单位名称", "统一社会信用代码", "所属工会组织代码", "行业", "经济类型", "职工人数", "是否建会", "建会日期", "链主企业统一社会信用代码"],
    "members": ["姓名", "身份证号", "手机号", "工作单位统一社会信用代码", "所属工会组织代码", "重点群体", "是否农民工", "入会日期", "会员状态", "离会日期"],
    "transfers": ["姓名", "身份证号", "转出组织代码", "转入组织代码", "转入单位统一社会信用代码", "转接日期"],
    "drives": ["行动名称", "重点群体", "行业", "开始日期", "结束日期", "群体总数", "目标入会率", "目标建会率", "所属工会组织代码"],
    "relief_files": ["姓名", "身份证号", "手机号", "类别", "致困原因", "家庭人口", "家庭月人均收入", "所属工会组织代码", "建档日期", "认定状态", "认定日期", "脱困日期"],
    "relief_programs": ["项目类型", "年度", "预算", "单笔上限", "所属工会组织代码"],
    "relief_payments": ["发放编号", "项目类型", "年度", "项目所属组织代码", "身份证号", "受助单位统一社会信用代码", "受益人数", "金额", "物资折款", "发放日期", "备注"],
    "care_services": ["服务编号", "服务类型", "服务点", "开始日期", "结束日期", "服务人次", "物资折款", "所属工会组织代码"],
    "legal_cases": ["案件编号", "受理日期", "来源", "是否群体", "涉及人数", "农民工人数", "当事人姓名", "当事人身份证号", "用人单位", "案由", "处理方式", "代理律师", "状态", "结案日期", "追回金额", "所属工会组织代码"],
    "contest_entries": ["年度", "赛事名称", "赛事级别", "工种", "姓名", "身份证号", "工作单位统一社会信用代码", "成绩", "名次", "团体名次", "所属工会组织代码"],
    "craftsmen": ["年度", "称号", "姓名", "身份证号", "工作单位统一社会信用代码", "行业", "所属工会组织代码"],
    "model_workers": ["姓名", "身份证号", "称号", "年度", "工作单位统一社会信用代码", "所属工会组织代码"],
    "promotions": ["姓名", "身份证号", "工种", "晋升等级", "取证日期", "培训补贴", "所属工会组织代码"],
    "cards": ["卡号", "身份证号", "发卡日期", "状态"],
    "merchants": ["商户名称", "统一社会信用代码", "类别", "优惠内容", "签约日期", "所属工会组织代码"],
    "stores": ["商户统一社会信用代码", "门店名称", "地址"],
    "perk_sales": ["活动名称", "活动日期", "商户统一社会信用代码", "销售额", "让利金额"],
    "activities": ["活动编号", "活动类型", "活动名称", "主题", "开始日期", "结束日期", "场次", "参与人次", "培训对象", "会议级别", "主讲人身份证号", "所属工会组织代码"],
    "honours": ["荣誉名称", "荣誉类型", "颁发单位", "级别", "获得日期", "名次", "连续年数", "所属工会组织代码"],
    "collective_contracts": ["合同编号", "合同类型", "签订形式", "单位统一社会信用代码", "覆盖单位数", "覆盖职工人数", "签订日期", "期满日期", "所属工会组织代码"],
    "monitoring_reports": ["报告编号", "报送日期", "报告类型", "标题", "涉及单位数", "风险等级", "所属工会组织代码"],
}  # fmt: skip


# 重点群体: the eight key groups of the contract, in its order (the members and drives files' column).
KEY_GROUPS = [
    "货车司机",
    "快递员",
    "护工护理员",
    "家政服务员",
    "商场信息员",
    "网约送餐员",
    "房产中介员",
    "保安员",
]


def header(kind: str, *, without: tuple[str, ...] = ()) -> list[str]:
    """The kind's header row (a new list), less the optional columns `without` (a file as an
    older system, or one that never fills them, sends it)."""
    missing = set(without) - set(HEADERS[kind])
    assert not missing, f"{kind} has no column {missing}"
    return [h for h in HEADERS[kind] if h not in without]
