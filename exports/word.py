"""The shared base of every Word document: A4, the document language in `w:docDefaults`, core
properties, page numbers, one look, and tables built straight as XML (python-docx's
`table.cell()` is O(table size), so a 2,000-row table is assembled as one string and parsed once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from awards.text import clean_text

from .i18n import t

FONT = "Arial"  # on every Word installation; LibreOffice renders it as Liberation Sans
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
ACCENT_HEX = "1F4E79"
HEADER_FILL = "DCE6F1"
GRID = "A6A6A6"
LANGUAGES = {"fi": "fi-FI", "en": "en-GB"}

# Characters XML 1.0 cannot hold at all; clean_text already removed the other controls.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def escape(data: str) -> str:
    """&, < and > escaped as in XML text: `xml.sax.saxutils.escape`, whose module imports
    urllib and http.client, 45 ms of every document written."""
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def text(value: object) -> str:
    """Any value as text a document can hold: NFC, no control characters."""
    if value is None:
        return ""
    return _NOT_XML.sub("", clean_text(str(value)))


def new_document(
    lang: str,
    title: str,
    *,
    landscape: bool = False,
    subject: str = "",
    keywords: str = "",
    template: Path | None = None,
    author: str | None = None,
) -> Any:
    document, numbered = _open_template(template) if template else (Document(), False)
    if template:
        _ensure_styles(document)
        _ensure_bullets(document)
    section = document.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    if not template:
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.0))
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    _set_language(document, LANGUAGES[lang])
    _set_look(document, keep_template=template is not None)
    if not numbered:  # a letterhead whose header or footer numbers its pages: once
        _page_numbers(section, lang)
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = text(title)
    # Who the document is from: the organiser where known, never python-docx's own name.
    props.author = text(author) if author else ""
    props.last_modified_by = props.author
    props.subject = subject
    props.keywords = keywords
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.language = LANGUAGES[lang]
    props.created = now
    props.modified = now
    props.revision = 1
    return document


def _open_template(template: Path) -> tuple[Any, bool]:
    """The letterhead made safe and cut to what a document keeps of it (exports/letterhead.py),
    opened by python-docx; and whether its footers number the pages already."""
    import io

    from awards.errors import FileRefused

    from .letterhead import prepare

    prepared = prepare(template)
    try:
        return Document(io.BytesIO(prepared.package)), prepared.has_page_field
    except Exception as exc:  # python-docx raises several kinds for a package it can't use
        raise FileRefused(f"{template.name} cannot be used as a Word template ({exc})") from None


def _set_language(document: Any, language: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.append(
        parse_xml(
            f'<w:lang {nsdecls("w")} w:val="{language}" w:eastAsia="{language}" w:bidi="ar-SA"/>'
        )
    )
    # Styles that carry a language of their own (python-docx's template says en-US) follow too.
    for lang_element in styles.iter(qn("w:lang")):
        lang_element.set(qn("w:val"), language)
        lang_element.set(qn("w:eastAsia"), language)


# The paragraph styles the writers use: name, style id, size in points (None: as Normal).
_NEEDED_STYLES = (
    ("Title", "Title", 24),
    ("Heading 1", "Heading1", 15),
    ("Heading 2", "Heading2", 12.5),
    ("Heading 3", "Heading3", 11),
    ("List Bullet", "ListBullet", None),
)


def _named(document: Any, name: str) -> Any:
    """The style python-docx finds by this name, or None: the name as stored must be the
    internal one ("heading 1" for "Heading 1"). `styles[name]` would fall back to a style
    *id* with a UserWarning printed on the user's terminal."""
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    # One XPath over styles.xml: iterating `document.styles` wraps every style (160 in
    # python-docx's own template) on each lookup.
    found = document.styles.element.get_by_name(BabelFish.ui2internal(name))
    return None if found is None else StyleFactory(found)


def _ensure_styles(document: Any) -> None:
    """A letterhead saved by LibreOffice or Google Docs, or one whose styles.xml holds only
    Normal, Header and Footer, may lack the styles the writers ask for by name, or name them
    differently ("normal", "Heading 1" where Word writes "heading 1"). Find each by its style id
    when its name differs; create what is missing on top of Normal. What the template defines
    stays."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles import BabelFish

    styles = document.styles
    by_id = {style.style_id: style for style in styles}
    if _named(document, "Normal") is None:
        default = by_id.get("Normal") or next(
            (
                s
                for s in styles
                if s.type == WD_STYLE_TYPE.PARAGRAPH and s.element.get(qn("w:default")) == "1"
            ),
            None,
        )
        if default is not None:
            default.name = "Normal"
    for name, style_id, size in _NEEDED_STYLES:
        if _named(document, name) is not None:
            continue
        found = by_id.get(style_id)
        if found is not None and found.type == WD_STYLE_TYPE.PARAGRAPH:
            # LibreOffice writes "Heading 1" where Word writes the built-in name "heading 1",
            # which is what a lookup by name expects.
            found.name = BabelFish.ui2internal(name)
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.next_paragraph_style = styles["Normal"]
        if size is not None:
            style.font.size = Pt(size)
            style.font.bold = name != "Title"
            style.font.color.rgb = ACCENT
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)


_BULLET_LEVEL = (
    '<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="{mark}"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="{left}" w:hanging="284"/></w:pPr></w:lvl>'
)


def _ensure_bullets(document: Any) -> None:
    """ "List Bullet" shows bullets whatever the template: when the style (or a style it is
    based on) points to no numbering whose first level is a bullet, a bullet numbering is
    created (an abstract numbering with bullet levels and a `num` for it) and the style is
    pointed to it."""
    style = _named(document, "List Bullet")
    if style is None:
        return
    numbering = _numbering(document)
    num_id = _style_num_id(document, style.element)
    if num_id is not None and _is_bullet(numbering, num_id):
        return
    abstract_ids = [
        int(a.get(qn("w:abstractNumId"), 0)) for a in numbering.findall(qn("w:abstractNum"))
    ]
    num_ids = [int(n.get(qn("w:numId"), 0)) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    new_id = max(num_ids, default=0) + 1
    levels = "".join(
        _BULLET_LEVEL.format(level=i, mark="•–▪"[i % 3], left=567 + 567 * i) for i in range(9)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )
    # The schema's order: every abstractNum before the first num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{new_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    )
    last_num = numbering.findall(qn("w:num"))
    if last_num:
        last_num[-1].addnext(num)
    else:
        abstract.addnext(num)
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.insert(
        _numpr_position(ppr),
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{new_id}"/></w:numPr>'
        ),
    )


def _numbering(document: Any) -> Any:
    """The document's numbering definitions, a part made for them when it has none (python-docx
    would raise NotImplementedError)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    part = document.part
    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        numbering = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
        )
        part.relate_to(numbering, RT.NUMBERING)
        return element


# What may precede w:numPr in a w:pPr (CT_PPrBase's sequence).
_BEFORE_NUMPR = {
    qn(f"w:{t}")
    for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
}


def _numpr_position(ppr: Any) -> int:
    index = 0
    for i, child in enumerate(ppr):
        if child.tag in _BEFORE_NUMPR:
            index = i + 1
    return index


def _style_num_id(document: Any, style: Any) -> str | None:
    """The numbering a paragraph style gets, its own or through the styles it is based on."""
    seen = set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        ppr = style.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num = numpr.find(qn("w:numId")) if numpr is not None else None
        if num is not None:
            return str(num.get(qn("w:val")))
        based = style.find(qn("w:basedOn"))
        if based is None:
            return None
        parent_id = based.get(qn("w:val"))
        style = next(
            (
                s
                for s in document.styles.element.findall(qn("w:style"))
                if s.get(qn("w:styleId")) == parent_id
            ),
            None,
        )
    return None


def _is_bullet(numbering: Any, num_id: str) -> bool:
    num = next((n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
    if num is None or num_id == "0":
        return False
    ref = num.find(qn("w:abstractNumId"))
    if ref is None:
        return False
    abstract = next(
        (
            a
            for a in numbering.findall(qn("w:abstractNum"))
            if a.get(qn("w:abstractNumId")) == ref.get(qn("w:val"))
        ),
        None,
    )
    if abstract is None:
        return False
    override = num.find(qn("w:lvlOverride"))  # a level 0 override may say otherwise
    levels = [
        lvl
        for lvl in (override.findall(qn("w:lvl")) if override is not None else [])
        if lvl.get(qn("w:ilvl")) == "0"
    ]
    levels += [lvl for lvl in abstract.findall(qn("w:lvl")) if lvl.get(qn("w:ilvl")) == "0"]
    if not levels:
        return False
    fmt = levels[0].find(qn("w:numFmt"))
    return fmt is not None and fmt.get(qn("w:val")) == "bullet"


class TextStyle(NamedTuple):
    """A named paragraph style for one kind of text the tool writes, so that whoever edits the
    document in Word restyles every lead, label or citation in one step. Created only when the
    document (a letterhead) does not define a style of that name: the template's wins."""

    name: str
    size: float | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False
    color: RGBColor | None = None
    align: str | None = None
    before: float | None = None
    after: float | None = None
    # Text that introduces what follows is never left alone at the foot of a page.
    keep_with_next: bool = False


GREY = RGBColor(0x59, 0x59, 0x59)
EMBARGO_RED = RGBColor(0xA5, 0x1C, 0x30)
GOLD = RGBColor(0x9C, 0x7A, 0x2B)

# Every kind of text beside headings, by the name a Word user sees in the style gallery.
TEXT_STYLES = {
    style.name: style
    for style in (
        TextStyle("Dateline", size=9, bold=True, color=GREY, after=2, keep_with_next=True),
        TextStyle("Embargo", size=9, bold=True, color=EMBARGO_RED, after=12),
        TextStyle("Lead", size=11.5, bold=True, after=12),
        TextStyle(
            "Award Label",
            size=9,
            bold=True,
            caps=True,
            color=ACCENT,
            before=10,
            after=0,
            keep_with_next=True,
        ),
        TextStyle("Winner Line", size=13, bold=True, after=4, keep_with_next=True),
        TextStyle("Citation", italic=True),
        TextStyle(
            "Quote", size=11, italic=True, color=ACCENT, before=6, after=2, keep_with_next=True
        ),
        TextStyle("Quote Source", size=9.5, color=GREY, after=12),
        TextStyle("Contact", after=2),
        TextStyle("About Organiser", size=9.5, color=GREY),
        TextStyle("Standing", bold=True),
        TextStyle("Juror Comment", italic=True),
        TextStyle(
            "Certificate Title",
            size=30,
            bold=True,
            caps=True,
            color=ACCENT,
            align="center",
            after=4,
        ),
        TextStyle("Certificate Award", size=18, color=GOLD, align="center", after=24),
        TextStyle(
            "Certificate Place",
            size=15,
            bold=True,
            caps=True,
            align="center",
            after=14,
            keep_with_next=True,
        ),
        TextStyle("Certificate Recipient", size=30, bold=True, align="center", after=6),
        TextStyle("Certificate Unit", size=15, color=GREY, align="center", after=30),
        TextStyle("Certificate Date", size=11, align="center", after=36),
        TextStyle("Signature", size=10, align="center", after=0),
        TextStyle("Signature Label", size=9, color=GREY, align="center", after=0),
        # Table cells: the style carries size and spacing, so a cell's XML is only its text.
        TextStyle("Table Text", size=9, before=1, after=1),
        TextStyle("Table Number", size=9, align="right", before=1, after=1),
        TextStyle("Table Heading", size=8.5, bold=True, before=1, after=1),
        TextStyle("Table Heading Number", size=8.5, bold=True, align="right", before=1, after=1),
        TextStyle("Small Table Text", size=8, before=1, after=1),
        TextStyle("Small Table Number", size=8, align="right", before=1, after=1),
        TextStyle("Small Table Heading", size=7.5, bold=True, before=1, after=1),
        TextStyle(
            "Small Table Heading Number", size=7.5, bold=True, align="right", before=1, after=1
        ),
    )
}


def text_style(document: Any, name: str) -> Any:
    """The document's paragraph style `name`, created from TEXT_STYLES when it has none."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    existing = _named(document, name)
    if existing is not None:
        return existing
    spec = TEXT_STYLES[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.next_paragraph_style = styles["Normal"]
    style.quick_style = True
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
    font.bold = spec.bold or None
    font.italic = spec.italic or None
    font.all_caps = spec.caps or None
    if spec.color is not None:
        font.color.rgb = spec.color
    layout = style.paragraph_format
    if spec.align == "center":
        layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif spec.align == "right":
        layout.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if spec.before is not None:
        layout.space_before = Pt(spec.before)
    if spec.after is not None:
        layout.space_after = Pt(spec.after)
    if spec.keep_with_next:
        layout.keep_with_next = True
    return style


def styled(document: Any, style: str, value: str = "", container: Any = None) -> Any:
    """A paragraph of one kind of text: the style carries all its formatting."""
    target = container if container is not None else document
    p = target.add_paragraph(style=text_style(document, style))
    if value:
        lines = text(value).split("\n")
        run = p.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = p.add_run(line)
    return p


def _set_look(document: Any, keep_template: bool) -> None:
    styles = document.styles
    if not keep_template:
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10.5)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
            rpr.insert(0, fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (
            ("Title", 24),
            ("Heading 1", 15),
            ("Heading 2", 12.5),
            ("Heading 3", 11),
        ):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT
            style.font.bold = name != "Title"
            # A heading never ends a page with its text on the next one.
            style.paragraph_format.keep_with_next = True
            style_rpr = style.element.get_or_add_rPr()
            style_fonts = style_rpr.find(qn("w:rFonts"))
            if style_fonts is not None:
                for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    style_fonts.attrib.pop(qn(attribute), None)
        title = styles["Title"]
        title_ppr = title.element.get_or_add_pPr()
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)


def _field(paragraph: Any, instruction: str) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:rPr>'
            '<w:sz w:val="17"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def _page_numbers(section: Any, lang: str) -> None:
    footer = section.footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    if paragraph.text.strip():  # a template's own footer text stays; numbers go below it
        paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(f"{t(lang, 'page')} ")
    run.font.size = Pt(8.5)
    _field(paragraph, "PAGE")
    paragraph.add_run(f" {t(lang, 'of')} ").font.size = Pt(8.5)
    _field(paragraph, "NUMPAGES")


def heading(document: Any, value: str, level: int = 1) -> Any:
    return document.add_heading(text(value), level=level)


def paragraph(
    document: Any,
    value: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    align: str | None = None,
    space_after: float | None = None,
) -> Any:
    p = document.add_paragraph()
    if value:
        run = p.add_run(text(value))
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def bullet(document: Any, value: str) -> Any:
    return document.add_paragraph(text(value), style="List Bullet")


# Where long Finnish compounds in narrow header cells may break (a soft hyphen shows only when
# the word actually breaks): "Asiakas-kohtaaminen", not "Asiakasko-htaaminen".
_COMPOUND_PARTS = re.compile(
    r"(?i)(asiakas|asiakkuuksien|palvelu|sidosryhmä|henkilöstön|yhteistyö"
    r"|kehittä|osaami)(?=\w{4,})"
)


def _hyphenate(value: str) -> str:
    return _COMPOUND_PARTS.sub(lambda m: m.group(0) + "\u00ad", value)


def _cell_parts(style_id: str, fill: str | None) -> tuple[str, str, str]:
    """What every cell of a column shares: the XML before its text, between two lines of it,
    and after it. Size, weight, alignment and spacing are the paragraph style's; the widths
    are the table grid's (fixed layout). A row is then only string joins."""
    shading = f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>'
    before = (
        f"<w:tc>{shading if fill else ''}"
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r><w:t xml:space="preserve">'
    )
    between = '</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space="preserve">'
    return before, between, "</w:t></w:r></w:p></w:tc>"


# A table's rows are made as text this many at a time (see `table`).
TABLE_PIECE_ROWS = 1000
# Where a document keeps the rows of its tables until it is saved (see `table` and `save`).
_ROWS_WAITING = "_awards_rows_waiting"
_EMPTY_TEXT = '<w:t xml:space="preserve"></w:t>'
_EMPTY_TEXT_CLOSED = '<w:t xml:space="preserve"/>'


def _rows_marker(index: int) -> str:
    """The comment that stands in a table for its rows until the document is saved. No text
    of a document can write it: in text, `<` is always escaped."""
    return f"awards-rows-{index}"


# Between the cells of a row while the row's texts are cleaned and escaped in one pass: a
# private-use character, which neither cleaning nor escaping touches and no name contains.
_CELL_SEPARATOR = "\ue000"


def table(
    document: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths_cm: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    font_size: float = 9,
) -> Any:
    """A table with a shaded header row repeated on every page and rows that never split
    across pages. The rows are made as XML text, not elements (fast for thousands of rows), and
    go into the file when `save` writes it: the element returned holds the header row only."""
    widths = [int(w / 2.54 * 1440) for w in widths_cm]  # cm -> twentieths of a point
    right = set(numeric)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{GRID}"'
    size = "Small Table" if font_size < 9 else "Table"

    def style_id(kind: str) -> str:
        return str(text_style(document, f"{size} {kind}").style_id)

    # Header cells a half point smaller: long criterion names fit narrow columns.
    header_cells = []
    for i, h in enumerate(headers):
        before, between, after = _cell_parts(
            style_id("Heading Number" if i in right else "Heading"), HEADER_FILL
        )
        lines = [escape(text(line)) for line in _hyphenate(h).split("\n")]
        header_cells.append(before + between.join(lines) + after)
    if len(headers) != len(widths):
        raise ValueError(f"{len(headers)} headers for {len(widths)} column widths")
    columns = [
        _cell_parts(style_id("Number" if i in right else "Text"), None) for i in range(len(widths))
    ]
    # One row is one str.format of a template holding every cell's fixed XML; its texts are
    # cleaned, escaped and broken into lines together. XML has no braces, so the template's
    # only fields are the cells' (a brace in a text is inserted as it is).
    between = columns[0][1] if columns else ""
    row_xml = (
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(before + "{}" + after for before, _, after in columns)
        + "</w:tr>"
    )
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a row of {len(row)} cells in a table of {len(columns)} columns")

    def row_text(row: Sequence[object]) -> str:
        joined = _CELL_SEPARATOR.join("" if v is None else str(v) for v in row)
        cells = escape(text(joined)).replace("\n", between).split(_CELL_SEPARATOR)
        # An empty text as lxml writes it, so the file is the one a parsed tree would give.
        return row_xml.format(*cells).replace(_EMPTY_TEXT, _EMPTY_TEXT_CLOSED)

    element = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f"<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>"
        f"<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="55" w:type="dxa"/><w:right w:w="55" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(header_cells)}</w:tr>"
        "</w:tbl>"
    )
    # The rows go into the file as the XML text made here, written in place of a marker when
    # the document is saved (`save`), and never into the document's tree: at 20,000 rows the
    # tree of their 1.7 million elements took 280 MB, and parsing and serialising it again
    # was a second of the report. Made now, in pieces, so the table holds what `rows` held at
    # this call.
    pieces = [
        "".join(map(row_text, rows[start : start + TABLE_PIECE_ROWS]))
        for start in range(0, len(rows), TABLE_PIECE_ROWS)
    ]
    waiting: list[list[str]] = document.__dict__.setdefault(_ROWS_WAITING, [])
    element.append(etree.Comment(_rows_marker(len(waiting))))
    waiting.append(pieces)
    document.element.body.append(element)
    _keep_section_last(document)
    document.add_paragraph()
    return element


def _keep_section_last(document: Any) -> None:
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        body.remove(sect)
        body.append(sect)


def save(document: Any, path: Path) -> None:
    """Save `document` to `path`, each table's rows written in place of its marker (see
    `table`) as the part is written into the file, so they are never held whole."""
    import io
    import zipfile

    waiting: list[list[str]] = document.__dict__.get(_ROWS_WAITING, [])
    if not waiting:
        document.save(str(path))
        return
    saved = io.BytesIO()
    document.save(saved)
    main = document.part.partname.lstrip("/")
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != main:
                target.writestr(info, data)
                continue
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = info.compress_type
            with target.open(entry, "w") as out:
                position = 0
                for index, pieces in enumerate(waiting):
                    marker = f"<!--{_rows_marker(index)}-->".encode()
                    at = data.index(marker, position)
                    out.write(data[position:at])
                    for piece in pieces:
                        out.write(piece.encode("utf-8"))
                    position = at + len(marker)
                out.write(data[position:])
