import json

from evals import headline, runner, scorecard


def test_rules_parse_run_and_scorecard(tmp_path):
    result = runner.evaluate("rules", ["parse"], "replay")
    assert 0 < result["tasks"]["parse"]["indicators"] <= 1
    assert result["tasks"]["rewrite"]["status"] == "not run"
    js, md = runner.write(result, tmp_path)
    text = md.read_text(encoding="utf-8")
    assert "解析 parse" in text and "not run" in text
    assert json.loads(js.read_text(encoding="utf-8"))["backend"] == "rules"


def test_model_backend_without_recordings_is_not_run(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "RECORDINGS", tmp_path)
    result = runner.evaluate("deepseek", ["rewrite"], "replay")
    assert all(v["status"] == "not run" for v in result["tasks"].values())
    assert "not run" in scorecard.summary_table([result])


def _result(**scores):
    return {"backend": "rules", "tasks": {"rewrite": dict(scores)}, "operational": {"calls": 0}}


def test_gate_fails_only_beyond_tolerance():
    base = {"tolerance": 0.02, "scores": {"rules": {"rewrite.overall": 0.80}}}
    assert headline.drops(_result(overall=0.79), base) == []
    assert len(headline.drops(_result(overall=0.77), base)) == 1
    assert len(headline.drops({"backend": "rules", "tasks": {}, "operational": {}}, base)) == 1


def test_committed_baseline_states_its_tolerance():
    base = headline.load_baseline()
    assert 0 < base["tolerance"] <= 0.05 and "rules" in base["scores"]


def test_readme_table_is_filled_from_the_latest_results(tmp_path):
    result = runner.evaluate("rules", ["parse"], "replay")
    runner.write(result, tmp_path)
    readme = tmp_path / "README.md"
    readme.write_text("前\n<!-- scores:begin -->\n旧表\n<!-- scores:end -->\n后\n", encoding="utf-8")
    runner.fill_readme(tmp_path, (readme,))
    text = readme.read_text(encoding="utf-8")
    assert "旧表" not in text and "| rules | parse |" in text and text.endswith("后\n")
