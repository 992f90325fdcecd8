"""One definition of an input or process measure (assistant.review.names.input_measure) serves review (L1) and
rewrite: a name either rule calls an input, the other does too."""

from __future__ import annotations

import pytest

from assistant.model import Project
from assistant.review.names import input_measure
from assistant.tasks.rewrite_rules import options_for
from tests.test_review_helpers import EFF, OUT, ind, one_row

INPUTS = ["预算执行率", "年度预算执行率", "资金到位率", "资金拨付到位情况", "财政资金到位及时支付率", "资金支付及时率",
          "专项资金支付进度", "资金使用情况", "经费投入额", "人员投入数", "政府采购执行率", "支付进度", "资金执行率"]
NOT_INPUTS = ["补贴资金发放及时率", "补贴资金发放到位率", "贴息资金拨付时限", "采购设备到位率", "培训人次",
              "资金杠杆率", "人均培训成本", "政策执行检查覆盖率"]


@pytest.mark.parametrize("name", INPUTS)
def test_an_input_measure_is_one_for_review_and_for_rewrite(name: str):
    assert input_measure(name)
    row = ind(name, "≥90%", EFF, sub="社会效益指标")
    project = Project(name="2024年公共图书馆免费开放", goal="保障图书馆免费开放。", groups=[[row]])
    assert one_row(name, "≥90%", EFF, "input_as_target", sub="社会效益指标")
    options = options_for(row, project)
    assert options and all(not input_measure(o.name) for o in options)
    assert all("投入" in o.reason for o in options)


@pytest.mark.parametrize("name", NOT_INPUTS)
def test_payouts_outputs_and_rates_are_not_inputs(name: str):
    assert input_measure(name) is None
    assert not one_row(name, "≥90%", OUT, "input_as_target", sub="数量指标")
