"""Hand-written .xlsx packages shaped like Excel's and WPS's output (shared strings, rich text, phonetic
runs, styles with number formats, rows and cells without references, prefixed namespaces), built member
by member so that tests control every byte a reader sees."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN}">'
          '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def shared_strings(items: list[str]) -> str:
    """``items`` are raw ``<si>`` bodies (already XML), e.g. ``<t>三级指标</t>`` or rich-text runs."""
    body = "".join(f"<si>{item}</si>" for item in items)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" count="{len(items)}" ' \
           f'uniqueCount="{len(items)}">{body}</sst>'


def t(text: str) -> str:
    return f"<t>{escape(text)}</t>"


def sheet(rows: str, merges: list[str] | None = None, prefix: str = "") -> str:
    """A worksheet whose ``<sheetData>`` holds ``rows`` (raw XML); ``prefix`` writes every element with a
    namespace prefix (``x:``), as some producers do."""
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    merged = ""
    if merges:
        merged = f'<{p}mergeCells count="{len(merges)}">' + "".join(f'<{p}mergeCell ref="{m}"/>' for m in merges) + \
            f"</{p}mergeCells>"
    if prefix:
        rows = rows.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{p}worksheet {ns} xmlns:r="{REL}">' \
           f"<{p}sheetData>{rows}</{p}sheetData>{merged}</{p}worksheet>"


def write_package(path: Path, sheets: list[tuple[str, str]], strings: str | None = None,
                  date1904: bool = False) -> Path:
    """A complete .xlsx: ``sheets`` are (title, worksheet XML) in workbook order."""
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_CT}"/>'
                        for i in range(1, len(sheets) + 1))
    if strings is not None:
        overrides += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    content_types = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{CT}">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '<Override PartName="/xl/styles.xml" ContentType="application/'
                     f'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>')
    root_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG}">'
                 f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb_rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
    wb_rels += f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
    if strings is not None:
        wb_rels += f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    sheet_list = "".join(f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, (title, _) in enumerate(sheets, start=1))
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" '
                f'xmlns:r="{REL}">{pr}<sheets>{sheet_list}</sheets></workbook>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels",
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG}">'
                    f"{wb_rels}</Relationships>")
        zf.writestr("xl/styles.xml", STYLES)
        if strings is not None:
            zf.writestr("xl/sharedStrings.xml", strings)
        for i, (_, xml) in enumerate(sheets, start=1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return path
