"""extract() on the model path against the scripted server over real HTTP: rows whose name and value occur
in the unstructured text are added and marked as model-extracted; an invented number is refused."""

from __future__ import annotations

from task_helpers import client, sent_text

from assistant.parse import read_text
from assistant.tasks.extract import extract

# Prose the rules cannot structure: no 二级 labels, no table.
TEXT = """关于2025年全民健身工程的说明
今年计划新建社区健身路径 36 处，器材安装验收合格率达到 100%，
群众满意度不低于 90%。填表人：王五 联系电话：0571-88886666"""

ROWS = [
    {"category": "产出指标", "subcategory": "数量指标", "name": "新建社区健身路径", "value": "36 处"},
    {"category": "产出指标", "subcategory": "质量指标", "name": "器材安装验收合格率", "value": "100%"},
    {"category": "满意度指标", "subcategory": None, "name": "群众满意度", "value": "不低于 90%"},
    {"category": "效益指标", "subcategory": "社会效益指标", "name": "群众健身参与率", "value": "≥60%"},
    {"category": "产出指标", "subcategory": "数量指标", "name": "新建社区健身路径", "value": "40处"},
]


def test_rows_found_in_the_text_are_added_and_invented_ones_refused(server):
    table = read_text(TEXT)
    assert table.projects == []
    server.script = lambda payload, n: {"rows": ROWS}
    out = extract(table, endpoint=client(server))
    assert "新建社区健身路径 36 处" in sent_text(server.requests[0])
    [project] = out.projects
    inds = project.indicators()
    assert [(i.category, i.name, i.value) for i in inds] == [
        ("产出指标", "新建社区健身路径", "36 处"), ("产出指标", "器材安装验收合格率", "100%"),
        ("满意度指标", "群众满意度", "不低于 90%")]
    assert all(i.extracted_by == "model" for i in inds)
    assert [(p.op.value, p.value, p.unit) for p in inds[0].target.parts] == [("=", 36, "处")]
    assert project.needs_check is True
    rejected = [w.text for w in out.warnings if w.kind == "model_rejected"]
    assert rejected == ["群众健身参与率：≥60%", "新建社区健身路径：40处"]
    assert [w.kind for w in out.warnings if w.kind == "model_extracted"] == ["model_extracted"]
    assert table.projects == []


def test_no_endpoint_leaves_the_table_as_the_rules_read_it():
    table = read_text(TEXT)
    assert extract(table, endpoint="rules") is table


def test_nothing_unstructured_means_no_call(server):
    table = read_text("项目名称\t宣传\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t宣传场次\t≥12场")
    server.script = lambda payload, n: {"rows": []}
    assert extract(table, endpoint=client(server)) is table
    assert server.requests == []
