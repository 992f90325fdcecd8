"""The chat intake writes spoken figures and verbs the way a table writes them, keeping every figure."""

import pytest

from assistant.tasks.intake import update_fields, written


@pytest.mark.parametrize(("said", "wrote"), [
    ("意向签约额争取一个半亿", "1.5亿元"),
    ("带动社会投资30个亿", "30亿元"),
    ("门票收入一个亿三千万", "1.3亿元"),
    ("事故率降两成", "20%"),
    ("续约比例不低于八成", "80%"),
    ("病虫害损失率控制在千分之零点五以内", "0.5‰"),
    ("每人每次补一千二", "1200"),
    ("全年调解纠纷500件起步", "不少于500件"),
    ("全年至少办12期", "举办不少于12期"),
    ("一共至少查300户次", "检查不少于300户次"),
    ("达标率要到98%", "达到98%"),
    ("参保率稳在95%以上", "保持在95%以上"),
    ("10月15号之前全部修完", "10月15日前"),
])
def test_spoken_forms_are_written(said: str, wrote: str) -> None:
    assert wrote in written(said)


def test_written_keeps_other_text_and_words_with_cheng() -> None:
    said = "培训成本每人500元，成果转化3项，建成2座泵站"
    assert written(said) == said


def test_paragraph_fields_carry_written_figures() -> None:
    fields = update_fields({}, "社区养老服务站运营补助今年要九十万，至少办8个站，服务满意度要到90%，"
                               "老人助浴每次补一千二，11月30号之前全部建完。", [])
    text = " ".join(str(v) for v in fields.values())
    assert fields["amount"] == 90
    for figure in ("不少于8个", "达到90%", "1200", "11月30日前"):
        assert figure in text


@pytest.mark.parametrize(("said", "wrote"), [
    ("等候时间从40分钟缩到30分钟以内", "从40分钟缩到30分钟"),
    ("提出建议6到10条", "6到10条"),
    ("蓄水能力恢复80万方左右", "80万立方米"),
    ("投诉3个工作日内回复", "3工作日内"),
    ("隐患百分之百整改", "100%"),
])
def test_ranges_and_units_in_spoken_form(said: str, wrote: str) -> None:
    assert wrote in written(said)


def test_a_counted_clause_about_people_keeps_its_figure_out_of_beneficiaries() -> None:
    fields = update_fields({}, "社区助浴服务50万，估计能惠及1500位独居老人左右，助浴满意度90%以上。", [])
    assert "1500" not in str(fields.get("beneficiaries"))
    assert "老人" in str(fields.get("beneficiaries"))
    assert "1500" in str(fields.get("goal")) + str(fields.get("content"))


@pytest.mark.parametrize(("said", "name"), [
    ("我们明年想办非遗传承人研修班，钱是36万，办3期", "非遗传承人研修班"),
    ("湿地公园管护这块我们申请85万，管护面积1200亩", "湿地公园管护"),
    ("消防站营房维修明年要60万，维修面积2000平米", "消防站营房维修"),
    ("体育馆要做屋面防水改造，总投资120万", "体育馆屋面防水改造"),
    ("社区食堂是购买服务，一年90万", "社区食堂购买服务"),
    ("急救中心要买4台呼吸机，每台15万，共60万", "急救中心购置4台呼吸机"),
    ("城市书房运营经费：一年40万，开放8个书房", "城市书房运营经费"),
])
def test_the_name_leaves_out_speaker_year_and_amount(said: str, name: str) -> None:
    assert update_fields({}, said, [])["name"] == name


def test_the_total_not_a_later_price_is_the_amount() -> None:
    fields = update_fields({}, "困难群众冬季慰问，全年120万。每户发500块慰问金，重度残疾的每户800块；惠及2000户左右。", [])
    assert fields["amount"] == 120


def test_a_total_said_without_a_budget_word_is_the_amount() -> None:
    assert update_fields({}, "街巷路灯改造，260万，更换LED灯1300盏", [])["amount"] == 260
    assert update_fields({}, "口袋公园建设今年要180万。新建6个口袋公园。", [])["amount"] == 180


@pytest.mark.parametrize(("said", "wrote"), [
    ("今年大概打8万剂次", "接种8万剂次"),
    ("预计救600户左右", "救助600户"),
    ("一年跑300万车公里", "运行300万车公里"),
    ("接20个医院", "接入20个医院"),
    ("防火道一共120公里", "共120公里"),
    ("每亩增产粮食50公斤", "增产粮食50公斤/亩"),
    ("户均800块", "户均800元"),
    ("1人1套，共50套", "每人1套"),
    ("双拥经费30万：慰问200户", "30万，慰问200户"),
    ("覆盖率都要保持90%以上", "覆盖率保持90%以上"),
    ("带20家企业去参展", "20家企业参展"),
    ("报警的要15分钟内到场", "报警15分钟内到场"),
])
def test_spoken_verbs_and_measures_are_written(said: str, wrote: str) -> None:
    assert wrote in written(said)


def test_written_verbs_are_left_alone() -> None:
    said = "检查200户，发放500份，申请30万，开放12小时，按每公里每年5000元的标准"
    assert written(said) == said


@pytest.mark.parametrize(("said", "wrote"), [
    ("出勤率不能低于90%", "出勤率不低于90%"),
    ("投诉率不得超过2%", "不超过2%"),
    ("差错率降两成，也就是20%，", "差错率降20%，"),
    ("每户最多3万封顶", "最高不超过3万元"),
    ("每台8万左右", "每台约8万元"),
    ("重度的补8块", "补助8元"),
    ("每人每月补600，按月发", "补助600元"),
    ("人行道每天扫两遍", "每日清扫2次"),
    ("沿河每隔500米放一个救生圈", "每500米设置1个救生圈"),
    ("40台车", "40辆车"),
    ("隐患百分之百整改", "整改率100%"),
    ("自然村要百分之百通公交", "通公交率100%"),
])
def test_spoken_rates_caps_and_prices_are_written(said: str, wrote: str) -> None:
    assert wrote in written(said)


def test_a_word_with_yi_bian_is_not_a_count() -> None:
    assert written("统一遍历数据") == "统一遍历数据"
