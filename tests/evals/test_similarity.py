from evals.similarity import core_text, key_terms, name_similarity, same_measure, unit_class


def test_stop_words_and_brackets_are_dropped():
    assert core_text("落户以来累计创造就业岗位（含劳务外包）（个）") == "落户创造就业岗位"
    assert key_terms("培训数量") == {"培训"}
    assert key_terms("完成情况") == set()


def test_unit_classes():
    assert [unit_class(u) for u in ("%", "个百分点", "万元/家", "日期", "小时", "人次", None, " ")] == [
        "percent", "percent", "money", "date", "duration", "count", None, None]


def test_same_measure_by_containment_and_shared_bigrams():
    assert same_measure("考核合格率", "结业考核合格率", "%", "%")
    assert same_measure("培训人次", "参训人次", "人次", "人次")
    assert same_measure("举办活动场次", "活动场次")


def test_different_measures_do_not_match():
    assert not same_measure("系统可用率", "参训人员满意度", "%", "%")
    assert not same_measure("培训人次", "培训人次", "人次", "%")
    assert not same_measure("数量", "数量")
    assert name_similarity("系统可用率", "系统正常运行率") < 0.5
