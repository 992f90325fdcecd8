"""Retrieval by meaning: the failures the issue reports, and the mixing across types it asks for."""

from __future__ import annotations

from assistant.library import get, kinds_for, search, terms_in

RIVER = ("城区河道保洁服务采购：委托专业公司对辖区12条河道共38公里水面开展日常保洁、漂浮物打捞和垃圾清运，"
         "预算96万元，保持水面无明显漂浮物")
MARATHON = ("2026年城市马拉松赛事：设全程、半程和迷你跑三个项目，参赛选手约3万人，预算800万元，"
            "含赛事组织、安保、医疗保障和宣传推广")
LAPTOPS = "为全区中小学教师配备笔记本电脑，每台6000元左右，总共252万元，用于备课和课堂教学"
CANTEEN = ("全区中小学校食堂食品安全监督检查：对156所学校食堂开展监督检查和食品抽检，"
           "全年不发生学生集体食物中毒事件")


def names(hits) -> list[str]:
    return [h.record.name for h in hits]


def test_river_cleaning_gets_river_rows_not_enforcement_rows():
    hits = search(RIVER, k=40)
    assert hits and hits[0].record.kind == "K22.2"
    got = names(hits)
    assert "保洁河道长度" in got
    assert not any(n in got for n in ("执法检查户次", "案件办结率", "户均检查成本")), got
    assert not any(h.record.kind.startswith("K13") for h in hits)


def test_marathon_tops_with_event_rows_not_policy_awareness():
    hits = search(MARATHON, k=40)
    top = names(hits[:10])
    assert all(h.record.kind == "K03.1" for h in hits[:5]), top
    assert not any("知晓率" in n for n in top), top
    assert "参赛人次" in top


def test_teacher_laptops_get_device_rows_and_never_overseas_travel():
    hits = search(LAPTOPS, k=40)
    got = names(hits)
    assert not any("出国" in n or "因公" in n for n in got)
    kinds = {h.record.kind for h in hits[:15]}
    assert kinds & {"K36.1", "K09.1"}
    assert any("单价" in n or "价格" in n for n in names(hits[:15])), "a unit price row against the standard"
    assert any(h.record.unit == "台" for h in hits[:10])


def test_canteen_inspection_mixes_inspection_food_safety_and_education():
    hits = search(CANTEEN, k=40)
    assert any("检查" in h.record.name or "抽检" in h.record.name for h in hits[:10])
    assert any(h.record.kind.startswith("K33") for h in hits[:20]), "food-safety rows"
    assert any((h.record.func_class or "").startswith("205") for h in hits[:10]), "education rows"
    assert len({h.record.kind for h in hits}) >= 2
    zero = [h.record for h in hits if "食物中毒" in h.record.name]
    assert zero and zero[0].value_form == "=0起" and zero[0].direction == "等于"


def test_hits_say_which_record_and_which_terms():
    hits = search(RIVER, k=5)
    for h in hits:
        assert h.terms and h.score > 0 and get(h.record.id) is not None
        assert all(t in RIVER for t in h.terms)
    assert "河道" in terms_in(RIVER) or "河道保洁" in terms_in(RIVER)


def test_kinds_for_ranks_types_with_evidence():
    ranked = kinds_for("购买法律援助服务，为困难群众提供法律咨询和代理诉讼，全年办理法律援助案件800件")
    assert ranked[0].kind.code == "K31.1" and "法律援助" in ranked[0].terms
    assert kinds_for("适龄儿童免疫规划疫苗接种，含冷链运输")[0].kind.code == "K17.2"
    assert kinds_for("农村公路日常养护：全区村道共320公里实施日常养护")[0].kind.code == "K23.2"
    assert kinds_for("老年助餐补贴：为60岁以上老年人提供助餐服务，每餐补贴3元")[0].kind.code == "K18.2"


def test_more_budget_items_route_to_their_type():
    cases = {
        "高标准农田建设项目，新建高标准农田2万亩，总投资3200万元": "K21.1",
        "对新引进的博士、硕士人才发放租房补贴，每人每月3000元": "K29",
        "开展安全生产隐患排查治理，检查危险化学品企业": "K32.1",
        "举办全区干部业务能力培训班，培训学员300人次": "K01.1",
        "政务信息系统运维服务，保障服务器和网络设备正常运行": "K11.1",
        "公益性岗位开发，安置就业困难人员": "K20.1",
        "图书馆免费开放，年接待读者": "K25.1",
        "应急物资储备与应急演练": "K32.2",
    }
    for text, code in cases.items():
        top = kinds_for(text)
        assert top and top[0].kind.code.startswith(code), (text, [k.kind.code for k in top])


def test_layout_maps_cost_rows():
    legacy = search(RIVER, k=40)
    modern = search(RIVER, k=40, layout="101")
    cost = [h.record for h in legacy if h.record.level2 == "成本"]
    assert cost and all(r.level1 == "产出" for r in cost)
    assert any((h.record.level1, h.record.level2) == ("成本", "经济成本") for h in modern)
    assert not any(h.record.level1 == "成本" for h in legacy)


def test_nothing_for_text_without_library_terms():
    assert search("今天天气很好") == []
    assert kinds_for("") == []
