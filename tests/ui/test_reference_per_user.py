"""Issue 15, defect 11 with issue 10's opt-in library: a table a page user adds to 我的参考库 grounds that
user's drafts on the page, and no other visitor's."""

from __future__ import annotations

from pathlib import Path

from gradio_client import Client, handle_file
from ui_server import Server

REQUEST = ("项目名称：工业和信息化培训经费\n金额：30万元\n绩效目标：开展工业和信息化领域专题培训，提升企业管理人员能力\n"
           "实施内容：举办培训班10期，培训500人次\n受益对象：全市工业企业管理人员")
DEPARTMENT = "广州市工业和信息化局"


def _grounding(client: Client) -> str:
    client.predict(api_name="/new_draft")
    return client.predict(REQUEST, api_name="/chat")[3]


def test_defect_11_my_reference_table_grounds_my_drafts_only(server: Server, seed: Path) -> None:
    alice = Client(server.url, verbose=False)
    bob = Client(server.url, verbose=False)
    assert DEPARTMENT not in _grounding(alice)
    assert "参考库" in alice.predict(handle_file(str(seed)), "", api_name="/add_to_library")
    assert DEPARTMENT in _grounding(alice)
    assert DEPARTMENT not in _grounding(bob)
