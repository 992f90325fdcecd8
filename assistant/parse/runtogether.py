"""Text whose cells were run together with no delimiter (Word tables copied as text, some PDF extractors).

A header line such as ``一级指标二级指标三级指标指标值指标解释`` names the columns in order; words after
the known column names are per-area value columns (``…指标方向东城区西城区``). Each later line is read as:
an optional 一级 label, an optional 二级 label, the name, then by column:

- 指标值 (+ 指标解释): the value is the shortest tail that reads as a value (a number with an optional
  comparator and unit, a date, 是/否 or a short qualitative word); an explanation starts at ``反映``;
- 指标方向 + area columns: the comparator is the first ≥/≤/=/>/<; the area values are split only when the
  split is certain — the same value repeated once per area (``≥11`` → 1, 1), or one value per area each
  ending in a unit or being 是/否 (``≤100%100%``). Otherwise the value is left empty and the glued text is
  kept as a warning, never guessed.

Rows go to the grid interpreter; lines before the header are split into label and value where a field
label starts the line (``项目名称空气质量…``)."""

from __future__ import annotations

import re

from assistant.model import Position
from assistant.parse.cells import Cell
from assistant.parse.fields import FUNDS_TITLE, HEADING, TITLE, field_label, is_signoff

_COLUMNS = ["一级指标", "二级指标", "三级指标", "指标方向", "指标性质", "计量单位", "指标值", "指标解释", "指标说明",
            "评分标准", "备注"]
_L1 = ["产出指标", "效益指标", "成本指标", "满意度指标", "项目完成指标", "项目效益指标", "效果指标", "影响指标"]
_L2 = ["数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益指标",
       "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "社会公众满意度指标", "成本指标",
       "满意度指标"]
_OP = r"(?:≥|≤|>=|<=|>|<|=|＝|≧|≦|不低于|不少于|不高于|不超过|大于等于|小于等于)"
_UNIT = r"(?:%|‰|万元|亿元|元|万人次|人次|万人|个百分点|百分点|个|人|户|家|次|项|场|期|台|套|座|处|所|件|篇|份|株|亩|" \
        r"平方米|公里|千米|米|吨|辆|条|天|日|月|年|小时|分钟|分)"
_VALUE = re.compile(rf"^{_OP}?\s*\d[\d,]*(?:\.\d+)?\s*{_UNIT}?(?:以上|以内|以下)?$|"
                    r"^\d{4}年\d{1,2}月(?:\d{1,2}日|底|末)?(?:前|之前|以前)?$|"
                    r"^(?:是|否|达标|合格|明显提升|明显提高|有效提升|有效提高|明显改善|有效改善|逐步提高|持续提升|"
                    r"提高|提升|降低|减少|改善|良好|优良|及时|按时|准确|规范|稳定|有效)$")
_ONE = re.compile(rf"\d[\d,]*(?:\.\d+)?\s*{_UNIT}|是|否")
UNSPLIT = "各地区数值（连在一起，无法确定拆分）"
_AREA = re.compile(r"\S+?(?:区|县|镇|乡|街道|市|州|旗)")


def _header(text: str) -> tuple[list[str], list[str]] | None:
    """Column names and area names of a run-together header line, or None."""
    key = re.sub(r"\s+", "", text)
    at = key.find("一级指标二级指标三级指标")
    if at < 0 or key[:at] not in ("", "绩效指标", "年度绩效指标", "项目绩效指标", "绩效目标"):
        return None
    key = key[at:]
    cols: list[str] = []
    rest = key
    while rest:
        word = next((w for w in _COLUMNS if rest.startswith(w)), None)
        if word is None:
            break
        cols.append(word)
        rest = rest[len(word):]
    areas = _AREA.findall(rest) if rest else []
    if "".join(areas) != rest:
        return None
    if "指标值" not in cols and not areas:
        return None
    return cols, areas


_OPS = re.compile(_OP)
_ANY_UNIT = re.compile(r"^\d[\d,]*(?:\.\d+)?[^\d\s≥≤<>=%()（）]{1,3}$")


def split_value(rest: str) -> tuple[str, str]:
    """(name, value) of run-together text: the value starts at the last comparator outside parentheses
    (a placeholder such as ``(≥**株)`` stays in the name), else at the shortest tail that reads as a value."""
    last = None
    for m in _OPS.finditer(rest):
        head = rest[:m.start()]
        if m.start() > 0 and head.count("(") + head.count("（") == head.count(")") + head.count("）"):
            last = m.start()
    if last is not None:
        return rest[:last], rest[last:]
    for i in range(1, len(rest)):
        if _VALUE.match(rest[i:]):
            return rest[:i], rest[i:]
    for i in range(1, len(rest)):
        if _ANY_UNIT.match(rest[i:]):
            return rest[:i], rest[i:]
    return rest, ""


_EXPLAINS = re.compile(r"反映|是指|指|衡量|考核|用于|主要")


def _split_explanation(rest: str) -> tuple[str, str]:
    """(name and value, explanation): the explanation starts at the first 反映/指/衡量 … before which the
    text ends in a value."""
    for m in _EXPLAINS.finditer(rest, 1):
        head = rest[:m.start()]
        name, value = split_value(head)
        if name and value and (_VALUE.match(value) or _ANY_UNIT.match(value) or re.search(_OP, value[:3])):
            return head, rest[m.start():]
    return rest, ""


def _split_areas(values: str, n: int) -> list[str] | None:
    if n <= 1:
        return [values]
    if len(values) % n == 0:
        size = len(values) // n
        pieces = [values[k * size:(k + 1) * size] for k in range(n)]
        if len(set(pieces)) == 1:
            return pieces
    found = _ONE.findall(values)
    if len(found) == n and "".join(found) == values.replace(" ", ""):
        return found
    return None


def _labels(text: str) -> tuple[str, str, str]:
    l1 = next((w for w in _L1 if text.startswith(w)), "")
    text = text[len(l1):]
    l2 = next((w for w in _L2 if text.startswith(w)), "")
    return l1, l2, text[len(l2):]


def _field_cells(text: str, pos: Position) -> list[Cell]:
    if TITLE.search(text) or FUNDS_TITLE.match(text):
        return [Cell(text, pos)]
    for k in range(min(12, len(text) - 1), 2, -1):
        label = field_label(text[:k])
        if label and not field_label(text):
            return [Cell(text[:k], pos), Cell(text[k:], pos)]
    return [Cell(text, pos)]


def runtogether_rows(lines: list[str]) -> list[list[Cell]] | None:
    """Rows for the grid interpreter, or None when no run-together header line is found."""
    found = next(((i, h) for i, line in enumerate(lines) if (h := _header(line))), None)
    if found is None:
        return None
    h, (cols, areas) = found
    rows: list[list[Cell]] = []
    for i, line in enumerate(lines[:h]):
        if line.strip():
            rows.append(_field_cells(line.strip(), Position(line=i + 1)))
    pos_h = Position(line=h + 1)
    base = [c for c in cols if c != "指标值"] if areas else cols
    header = base + ["指标值"] + [""] * (len(areas) - 1) + [UNSPLIT] if areas else cols
    rows.append([Cell(c, pos_h) for c in header])
    if areas:
        rows.append([Cell("", pos_h)] * len(base) + [Cell(a, pos_h) for a in areas] + [Cell("", pos_h)])
    tail = False
    for i in range(h + 1, len(lines)):
        text = re.sub(r"\s+", "", lines[i])
        pos = Position(line=i + 1)
        if not text:
            continue
        if tail or HEADING.match(text) or is_signoff(text) or field_label(text[:4]) == "项目名称":
            tail = tail or not field_label(text[:4]) == "项目名称"
            rows.append(_field_cells(text, pos))
            continue
        l1, l2, rest = _labels(text)
        cells = {"一级指标": l1, "二级指标": l2}
        if areas:
            m = re.search(_OP, rest)
            name, op, values = (rest[:m.start()], m.group(0), rest[m.end():]) if m else (rest, "", "")
            cells.update({"三级指标": name, "指标方向": op})
            split = _split_areas(values, len(areas)) if values else None
            row = [Cell(cells.get(c, ""), pos) for c in base]
            if split is None:
                rows.append(row + [Cell("", pos)] * len(areas) + [Cell(f"{op}{values}", pos)])
            else:
                rows.append(row + [Cell(v, pos) for v in split] + [Cell("", pos)])
            continue
        explanation = ""
        if "指标解释" in cols or "指标说明" in cols:
            rest, explanation = _split_explanation(rest)
        name, value = split_value(rest)
        cells.update({"三级指标": name, "指标值": value, "指标解释": explanation, "指标说明": explanation})
        rows.append([Cell(cells.get(c, ""), pos) for c in header])
    return rows
