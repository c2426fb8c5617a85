"""The 自查报告与整改方案 as a Word file (.docx): what a branch signs and hands to its 上级党组织.

Written with the standard library (zipfile and WordprocessingML as text), by judgement rather than
for want of a library: python-docx needs lxml, a compiled extension the site's Pyodide runtimes do
not ship (and a 5 MB download for one export if they did), and a JavaScript library (the `docx`
package) would be a second implementation of the report that the command line could not share;
the page and `zhibu score --format docx` must give the same bytes. The part of WordprocessingML a
report of paragraphs and bordered tables needs is small and stable (ECMA-376); the tests read the file
back with python-docx and, where it is installed, LibreOffice (calculator/tests/test_docx.py).

Layout of a Chinese office document: A4 portrait, margins 2.54 cm (top, bottom) and 3.17 cm (left,
right); the title in 方正小标宋简体 二号 (黑体 where the reader lacks it, through the font table's
alternative name), headings 黑体 三号, body 仿宋 三号 at a fixed 28 pt line (仿宋_GB2312 where 仿宋 is
missing), tables 仿宋 小四 with borders and their header row repeated on every page, the page number
in the footer. Whatever a branch typed (a name, a note, a measure) is text: escaped, and the characters
XML 1.0 forbids (control characters, lone surrogates) dropped, so no input breaks the file. The same
input gives the same bytes: the zip entries are dated 1980-01-01 and the document the check date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .report import record_text, rectification_rows, verdict_line
from .result import STATUS_WORDS, Finding, Result, SchemeResult
from .verdicts import describe

# Page geometry in twentieths of a point: A4, margins 2.54 / 3.17 cm, the text 14.65 cm wide.
PAGE_W, PAGE_H, MARGIN_TB, MARGIN_LR = 11906, 16838, 1440, 1797
TEXT_W = PAGE_W - 2 * MARGIN_LR
# Font sizes in half points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt.
ERHAO, SANHAO, SIHAO, XIAOSI = 44, 32, 28, 24
TITLE_FONT, HEADING_FONT, BODY_FONT, KAI_FONT = "方正小标宋简体", "黑体", "仿宋", "楷体"
# The font table: each font with the one a reader uses when it lacks it (w:altName).
FONTS = ((TITLE_FONT, "黑体"), (HEADING_FONT, "SimHei"), (BODY_FONT, "仿宋_GB2312"), (KAI_FONT, "楷体_GB2312"))
NUMERALS = "一二三四五六七八九十"
MAX_REASONS = 10  # as the text report: the rest are the 问题清单's rows
BLANK_ROW = 680  # a row of the 整改方案 left to be written in by hand: at least 1.2 cm high
OPINION_LINES = 6  # a box for an opinion: six lines high (3 cm)

# XML 1.0 allows tab, newline, carriage return and the characters from U+0020 on, less the
# surrogates and U+FFFE/U+FFFF: anything else in a branch's text is dropped.
FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def clean(text: str) -> str:
    """Text as XML may hold it: forbidden characters dropped, then &, <, >, " escaped."""
    text = FORBIDDEN.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run(text: str, *, bold: bool = False, size: int | None = None) -> str:
    """A run of text; a newline in it is a line break, a tab a tab."""
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if not text and not props:
        return ""
    pieces = []
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if n:
            pieces.append("<w:br/>")
        for m, part in enumerate(line.split("\t")):
            if m:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{clean(part)}</w:t>')
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(pieces)}</w:r>"


def para(
    content: str | Sequence[str],
    style: str | None = None,
    *,
    align: str | None = None,
    indent: bool = False,
    keep: bool = False,
) -> str:
    """A paragraph of runs (a string is one plain run), in a style of styles.xml; `keep`: on the
    page of what follows (a table's caption)."""
    runs = run(content) if isinstance(content, str) else "".join(content)
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep:
        props += "<w:keepNext/>"
    if indent:  # two characters, as body text is indented
        props += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


def cell(width: int, paragraphs: Iterable[str], *, shade: bool = False) -> str:
    shd = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if shade else ""
    body = "".join(paragraphs) or para("", "TableText")
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>'


def table(
    widths: Sequence[float],
    header: Sequence[str] | None,
    rows: Iterable[Sequence[str | list[str]]],
    *,
    heights: Sequence[int] = (),
    centred: Sequence[int] = (),
) -> str:
    """A bordered table as wide as the text; `widths` are its columns in cm (scaled to fill it).
    A cell is a text or a list of paragraphs already made; the header row (if any) repeats on every
    page; `heights` are the rows' least heights in twentieths of a point (0: as the text needs),
    room for handwriting; the columns in `centred` are centred."""
    total = sum(widths)
    cols = [round(TEXT_W * w / total) for w in widths]
    cols[-1] = TEXT_W - sum(cols[:-1])
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}'
        '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
        '<w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in cols),
        "</w:tblGrid>",
    ]
    if header is not None:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        out.extend(
            cell(w, [para(h, "TableHead", align="center")], shade=True) for w, h in zip(cols, header, strict=True)
        )
        out.append("</w:tr>")
    for n, row in enumerate(rows):
        high = f'<w:trHeight w:val="{heights[n]}" w:hRule="atLeast"/>' if n < len(heights) and heights[n] else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{high}</w:trPr>")  # a row is not cut by a page break
        for c, (w, value) in enumerate(zip(cols, row, strict=True)):
            align = "center" if c in centred else None
            cells = [para(value, "TableText", align=align)] if isinstance(value, str) else value
            out.append(cell(w, cells))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def heading(n: int, text: str) -> str:
    return para(f"{NUMERALS[n - 1]}、{text}", "Heading1")


def title_of(result: Result) -> str:
    return f"{result.assessment.branch_name or '党支部'}自查报告与整改方案"


def _facts(result: Result, standard: SchemeResult) -> list[str]:
    a = result.assessment
    rows = [
        ("支部名称", a.branch_name or "（未填写）"),
        ("支部类型", a.branch_type),
        ("上级党组织", a.parent or "（未填写）"),
        ("考核标准", standard.scheme.name),
        ("自查期", f"{chinese_date(a.period_start)}至{chinese_date(a.period_end)}"),
        ("自查日期", chinese_date(a.check_date)),
    ]
    out = [table((3.2, 11.45), None, [[[para(k, "TableHead")], v] for k, v in rows])]
    out.extend(para(f"提示：{w.message}", indent=True) for w in a.warnings)
    return out


def _verdict(standard: SchemeResult) -> list[str]:
    s, v = standard, standard.verdict
    out = [para([run(f"按考核标准“{s.scheme.name}”自查，"), run(verdict_line(s), bold=True), run("。")], indent=True)]
    counts = f"应作答 {s.total} 项，已作答 {s.answered} 项"
    if s.pending:
        counts += f"，其中 {s.pending} 项进行中（期限未到）"
    if s.left_out:
        counts += f"；另有 {len(s.left_out)} 项只适用于其他类型的支部，未列入、不计分"
    out.append(para(counts + "。", indent=True))
    out.append(para(f"结论怎样得出：{describe(s.scheme.verdict)}。", indent=True))
    out.extend(para(f"{n}. {r}", indent=True) for n, r in enumerate(v.reasons[:MAX_REASONS], 1))
    if len(v.reasons) > MAX_REASONS:
        out.append(para(f"另有 {len(v.reasons) - MAX_REASONS} 条，见问题清单。", indent=True))
    if s.scheme.site_defaults:
        defaults = "；".join(s.scheme.site_defaults)
        out.append(para(f"本站默认（发文单位文件未作规定、由本站设定的数值与做法）：{defaults}。", indent=True))
    rows = [
        (str(n), g.name, "不适用" if g.ratio is None else f"{100 * g.ratio:.0f}%", f"{g.answered} / {len(g.entries)}")
        for n, g in enumerate(s.groups, 1)
    ]
    out.append(para("各方面得分率：", indent=True, keep=True))
    out.append(table((1.3, 8.25, 2.2, 2.9), ("序号", "方面", "得分率", "已作答 / 项数"), rows, centred=(0, 2, 3)))
    return out


def _situation(f: Finding) -> list[str]:
    paragraphs = [para(f.outcome.message, "TableText")]
    if f.outcome.note:
        paragraphs.append(para(f"说明：{f.outcome.note}", "TableText"))
    return paragraphs


def _findings(findings: Sequence[Finding]) -> str:
    rows = [
        (
            str(n),
            f"{f.outcome.item.text}（{STATUS_WORDS[f.outcome.status]}）",
            _situation(f),
            "、".join(c.label for c in f.clauses),
        )
        for n, f in enumerate(findings, 1)
    ]
    return table((1.3, 5.6, 4.85, 2.9), ("序号", "问题", "具体情况", "依据条款"), rows, centred=(0,))


def _plan(result: Result) -> list[str]:
    rows = [(str(r[0]), str(r[2]), str(r[5]), str(r[6]), str(r[7])) for r in rectification_rows(result)]
    return [
        para(
            "对照问题清单逐项制定整改措施，明确责任人和整改时限（一支部、一清单、一方案）。整改措施、责任人、时限由支部填写，"
            "空白处尚未填写。",
            indent=True,
            keep=True,
        ),
        table(
            (1.3, 4.8, 4.05, 2.1, 2.4),
            ("序号", "问题", "整改措施", "责任人", "时限"),
            rows,
            heights=[0 if r[2] else BLANK_ROW for r in rows],
            centred=(0, 3, 4),
        ),
    ]


def _compared(result: Result) -> list[str]:
    out = [para("以下标准不是本支部的考核标准，所列得分、结论和问题仅供参考，不列入整改方案。", indent=True)]
    out.extend(para(f"{s.scheme.name}：{verdict_line(s)}。", indent=True) for s in result.schemes[1:])
    if result.compare_findings:
        out.append(para(f"对照标准另有的问题（{len(result.compare_findings)} 项）：", indent=True, keep=True))
        out.append(_findings(result.compare_findings))
    return out


def _signatures() -> list[str]:
    boxes = [
        (para("支部委员会意见", "TableHead", align="center"), [para("", "TableText")] * OPINION_LINES),
        (
            para("上级党组织意见", "TableHead", align="center"),
            [para("", "TableText")] * (OPINION_LINES - 1)
            + [para("（盖章）　　　　年　　月　　日", "TableText", align="right")],
        ),
    ]
    return [
        para("支部书记（签字）：", "Sign"),
        para("日期：　　　年　　月　　日", "Sign"),
        para("", "Sign"),
        table((3.8, 10.85), None, [[[head], body] for head, body in boxes]),
    ]


class Annex(NamedTuple):
    """An annex after the signatures: its title, a paragraph saying what it is, its table."""

    title: str
    intro: str
    head: tuple[str, str, str]
    rows: list[tuple[str, str, str | list[str]]]


def _annexes(result: Result) -> list[Annex]:
    """The records each problem's rectification is to leave (备查材料: the documents' own with their
    clause, the site's marked 本站建议), then the site's 参考措施; each only when it has rows."""
    findings = list(enumerate(result.findings, 1))
    records = Annex(
        "整改备查材料",
        "整改完成后，按问题留存下列材料备查。注明条款的是文件写明的台账材料，标“本站建议”的是本网站的建议。",
        ("序号", "问题", "备查材料（出处）"),
        [
            (str(n), f.outcome.item.text, [para(record_text(r), "TableText") for r in f.outcome.item.records])
            for n, f in findings
            if f.outcome.item.records
        ],
    )
    suggested = Annex(
        "参考措施（本站建议，仅供参考）",
        "下列措施是本网站为各自查项拟写的参考，不是本支部的整改措施；支部应结合实际自行制定，填入整改方案。",
        ("序号", "自查项", "参考措施"),
        [(str(n), f.outcome.item.text, f.outcome.item.measure) for n, f in findings if f.outcome.item.measure],
    )
    return [x for x in (records, suggested) if x.rows]


def _annex(label: str, annex: Annex) -> list[str]:
    return [
        para(label, "Annex"),
        para(annex.title, "Subtitle", align="center"),
        para(annex.intro, indent=True),
        table((1.3, 6.0, 7.35), annex.head, annex.rows, centred=(0,)),
    ]


def body(result: Result) -> str:
    """The document's body: title, the sections, the signatures, the annexes: the records to keep
    (备查材料) and the site's 参考措施."""
    a = result.assessment
    standard = result.schemes[0]
    out = [
        para(title_of(result), "Title"),
        para(f"（{chinese_date(a.period_start)}至{chinese_date(a.period_end)}）", "Subtitle", align="center"),
        heading(1, "基本情况"),
        *_facts(result, standard),
        heading(2, "得分与结论"),
        *_verdict(standard),
        heading(3, f"问题清单（{len(result.findings)} 项）"),
    ]
    if result.findings:
        out.append(para("未达到或基本达到的自查项，注明所依据的条款：", indent=True, keep=True))
        out.append(_findings(result.findings))
    else:
        out.append(para("本次自查没有发现问题。", indent=True))
    out.append(heading(4, "整改方案"))
    out.extend(_plan(result) if result.findings else [para("没有需要整改的问题。", indent=True)])
    if len(result.schemes) > 1:
        out.append(heading(5, "对照标准（仅供参考）"))
        out.extend(_compared(result))
    out.extend(_signatures())
    annexes = _annexes(result)
    for n, annex in enumerate(annexes, 1):
        out.extend(_annex(f"附件{n}" if len(annexes) > 1 else "附件", annex))
    return "".join(out)


def document_xml(result: Result) -> str:
    section = (
        f'<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TB}" w:right="{MARGIN_LR}" w:bottom="{MARGIN_TB}" w:left="{MARGIN_LR}" '
        'w:header="851" w:footer="850" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>'
    )
    return f'{XML}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body(result)}{section}</w:body></w:document>'


def _fonts(font: str, size: int) -> str:
    return (
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


def _style(sid: str, name: str, ppr: str, rpr: str, *, based: str = "Normal") -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="{0 if sid in BUILT_IN else 1}" w:styleId="{sid}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/><w:next w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
    )


BUILT_IN = frozenset({"Title", "Subtitle", "Heading1"})
FIXED_28 = '<w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>'
STYLES = (
    f'{XML}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
    f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{BODY_FONT}" w:cs="Times New Roman"/>'
    f'<w:kern w:val="2"/><w:sz w:val="{SANHAO}"/><w:szCs w:val="{SANHAO}"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    f'<w:pPrDefault><w:pPr><w:widowControl w:val="0"/>{FIXED_28}<w:jc w:val="both"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + _style(
        "Title",
        "Title",
        '<w:spacing w:before="240" w:after="120" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        _fonts(TITLE_FONT, ERHAO),
    )
    + _style(
        "Subtitle",
        "Subtitle",
        '<w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/>',
        _fonts(KAI_FONT, SANHAO),
    )
    + _style(
        "Heading1",
        "heading 1",
        '<w:keepNext/><w:spacing w:before="240" w:after="120" w:line="560" '
        'w:lineRule="exact"/><w:outlineLvl w:val="1"/>',
        _fonts(HEADING_FONT, SANHAO),
    )
    + _style(
        "Annex",
        "Annex Heading",
        '<w:keepNext/><w:pageBreakBefore/><w:spacing w:after="120"/>',
        _fonts(HEADING_FONT, SANHAO),
    )
    + _style(
        "TableText",
        "Table Text",
        '<w:spacing w:before="30" w:after="30" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
        f'<w:rPr><w:sz w:val="{XIAOSI}"/><w:szCs w:val="{XIAOSI}"/></w:rPr>',
    )
    + _style(
        "TableHead",
        "Table Heading",
        '<w:keepNext/><w:spacing w:before="30" w:after="30" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
        _fonts(HEADING_FONT, XIAOSI),
    )
    + _style(
        "Sign",
        "Signature Line",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="0"/><w:ind w:left="3600"/><w:jc w:val="left"/>',
        "",
    )
    + "</w:styles>"
)

FONT_TABLE = (
    f'{XML}<w:fonts xmlns:w="{W}">'
    + "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="auto"/>'
        '<w:pitch w:val="variable"/></w:font>'
        for name, alt in FONTS
    )
    + '<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>'
    "</w:font></w:fonts>"
)

SETTINGS = (
    f'{XML}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat></w:settings>"
)

# The footer: the page number centred, as "— 1 —".
FOOTER = (
    f'{XML}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
    f'{run("— ", size=SIHAO)}<w:fldSimple w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="{SIHAO}"/></w:rPr>'
    f"<w:t>1</w:t></w:r></w:fldSimple>{run(' —', size=SIHAO)}</w:p></w:ftr>"
)

PARTS = {  # part name -> content type
    "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "/word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "/word/fontTable.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "/word/footer1.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
CONTENT_TYPES = (
    f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in PARTS.items())
    + "</Types>"
)
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rels(links: Iterable[tuple[str, str, str]]) -> str:
    return (
        f'{XML}<Relationships xmlns="{PKG}">'
        + "".join(f'<Relationship Id="{i}" Type="{kind}" Target="{target}"/>' for i, kind, target in links)
        + "</Relationships>"
    )


ROOT_RELS = _rels(
    [
        ("rId1", f"{DOC}/officeDocument", "word/document.xml"),
        ("rId2", f"{PKG}/metadata/core-properties", "docProps/core.xml"),
        ("rId3", f"{DOC}/extended-properties", "docProps/app.xml"),
    ]
)
DOCUMENT_RELS = _rels(
    [
        ("rIdStyles", f"{DOC}/styles", "styles.xml"),
        ("rIdSettings", f"{DOC}/settings", "settings.xml"),
        ("rIdFonts", f"{DOC}/fontTable", "fontTable.xml"),
        ("rIdFooter", f"{DOC}/footer", "footer1.xml"),
    ]
)
APP = (
    f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>zhibu</Application></Properties>"
)


def core_xml(result: Result) -> str:
    when = f"{result.assessment.check_date.isoformat()}T00:00:00Z"
    return (
        f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{clean(title_of(result))}</dc:title><dc:subject>党支部自查</dc:subject>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'
    )


def package(parts: Iterable[tuple[str, str]]) -> bytes:
    """The parts as a zip, the same bytes for the same parts: fixed dates, order and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # not the platform's: the page (emscripten) and Windows give the same bytes
            info.external_attr = 0
            z.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def result_docx(result: Result) -> bytes:
    """The 自查报告与整改方案 of a self-check, for its standard, as a .docx file."""
    return package(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("word/document.xml", document_xml(result)),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/styles.xml", STYLES),
            ("word/settings.xml", SETTINGS),
            ("word/fontTable.xml", FONT_TABLE),
            ("word/footer1.xml", FOOTER),
            ("docProps/core.xml", core_xml(result)),
            ("docProps/app.xml", APP),
        ]
    )
