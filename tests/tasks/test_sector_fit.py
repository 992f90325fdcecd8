"""A draft uses only project types whose object the description names; with none, the skeleton of its kind of
spending. Phrasings written here (not evaluation items)."""

from __future__ import annotations

import pytest

from assistant.tasks.models import ProjectDescription
from assistant.tasks.sector_fit import spending_kind
from assistant.tasks.suggest import suggest


def draft(name: str, goal: str, content: str = "", amount: float | None = None) -> list[str]:
    result = suggest(ProjectDescription(name=name, goal=goal, content=content, amount=amount), endpoint="rules")
    return [i.name for i in result.indicators]


@pytest.mark.parametrize(("text", "code"), [
    ("为全区卫生室配备心电图机40台", "K09.1"),
    ("委托第三方机构开展居家上门服务", "K12.1"),
    ("烈士纪念碑修缮", "K08.1"),
    ("困难群众取暖补贴发放", "K05.1"),
    ("机房及网络系统运维", "K11.1"),
])
def test_the_kind_of_spending_is_what_the_money_buys(text, code):
    assert spending_kind(text)[0] == code


def test_an_activity_word_alone_does_not_bring_another_sectors_rows():
    names = draft("2026年城区景观亮化设施运行维护", "1.对城区景观亮化灯具8000套实施运行维护；2.亮灯率不低于95%。",
                  "委托专业公司运维。", 120)
    joined = "、".join(names)
    assert "系统可用率" not in joined and "网络安全" not in joined and "业务中断" not in joined


def test_with_no_sector_the_draft_is_the_equipment_skeleton_not_road_upkeep():
    result = suggest(ProjectDescription(name="2026年全区公共场所自动体外除颤器配置", goal="1.在28个公共场所各配置1台；"
                                        "2.9月底前完成安装。", content="每台约1.8万元，含3年维保。", amount=50.4),
                     endpoint="rules")
    joined = "、".join(i.name for i in result.indicators)
    assert "路况" not in joined and "危桥" not in joined and "培训" not in joined
    assert "验收合格率" in joined and ("完好率" in joined or "使用率" in joined)
    assert any("设备购置" in n for n in result.notes)


def test_new_sector_types_route_security_hotline_archives_and_geohazards():
    from assistant.library.retrieval import index

    cases = {"K37.1": "为全市12个政务服务大厅派驻保安员，实行24小时值守",
             "K37.2": "12345热线话务外包，座席40个，接通率90%以上",
             "K37.3": "馆藏婚姻档案数字化扫描12万页并完成著录",
             "K37.4": "全县地质灾害隐患点汛期巡查，落实群测群防员"}
    for code, text in cases.items():
        assert index().rank(text)[1][0].kind.code == code, text


def test_a_row_of_the_same_library_type_about_another_subject_is_left_out():
    from assistant.tasks.drafting import relevant
    from assistant.tasks.records import Record

    def rec(name: str) -> Record:
        return Record(id="x", group="g", sub="社会效益指标", name=name, op="≥", unit="%", basis="计划标准", data_source="",
                      keywords=())

    text = "2026年乡村戏曲进村惠民演出，全年演出80场，观看群众不少于4万人次"
    assert not relevant(rec("居民人均纸质图书阅读量"), text)
    assert relevant(rec("观看群众满意度"), text) and relevant(rec("惠民演出场次"), text)


def test_a_library_row_that_repeats_the_officers_row_is_dropped():
    result = suggest(ProjectDescription(
        name="2026年敬老院食堂食品安全提升", goal="1.改造敬老院食堂6个；2.全年不发生集体性食物中毒事件；3.10月31日前完工。",
        content="更新厨房设备并实施明厨亮灶改造。", amount=90), endpoint="rules")
    names = [i.name for i in result.indicators]
    zero = [n for n in names if "中毒" in n or "食品安全事故" in n]
    assert len(zero) == 1, names
    assert any("10月31日" in i.value for i in result.indicators)
    assert not [i for i in result.indicators if "【待填】月" in i.value], names
