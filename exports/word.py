"""The shared base of every Word document: A4, the document language in `w:docDefaults`, core
properties, page numbers, one look, and tables built straight as XML (python-docx's
`table.cell()` is O(table size), so a 2,000-row table is assembled as one string and parsed once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from awards.text import clean_text

from .i18n import t

FONT = "Arial"  # on every Word installation; LibreOffice renders it as Liberation Sans
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
ACCENT_HEX = "1F4E79"
HEADER_FILL = "DCE6F1"
GRID = "A6A6A6"
LANGUAGES = {"fi": "fi-FI", "en": "en-GB"}
AUTHOR = "Wave – Wakaru Asiakaspalveluverkosto"

# Characters XML 1.0 cannot hold at all; clean_text already removed the other controls.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


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
) -> Any:
    document = _open_template(template) if template else Document()
    if template:
        _clear_body(document)
        _ensure_styles(document)
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
    _page_numbers(section, lang)
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = text(title)
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
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


def _open_template(template: Path) -> Any:
    from awards.errors import FileRefused

    from .tabular import check_zip

    check_zip(template, ".docx")
    import zipfile

    from .score_file import declares_entities

    with zipfile.ZipFile(template) as archive:
        for item in archive.infolist():
            if item.filename.endswith((".xml", ".rels")) and declares_entities(archive.read(item)):
                # python-docx would keep the declarations and write an ill-formed document.
                raise FileRefused(
                    f"{template.name}: refused as a template: {item.filename} declares XML "
                    "entities (a DTD), which no Word file needs"
                )
    try:
        return Document(str(template))
    except Exception as exc:  # python-docx raises several kinds for a package it can't use
        raise FileRefused(f"{template.name} cannot be used as a Word template ({exc})") from None


def _clear_body(document: Any) -> None:
    """Keep a template's styles, headers and footers (its letterhead), drop its content."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


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


def _ensure_styles(document: Any) -> None:
    """A letterhead saved by LibreOffice, or one whose styles.xml holds only Normal, Header and
    Footer, may lack the styles the writers ask for by name. Find each by its style id when its
    name differs; create what is missing on top of Normal. What the template defines stays."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles import BabelFish

    styles = document.styles
    by_id = {style.style_id: style for style in styles}
    for name, style_id, size in _NEEDED_STYLES:
        try:
            styles[name]
            continue
        except KeyError:
            pass
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


def _cell_xml(value: str, width: int, *, bold: bool, right: bool, fill: str | None) -> str:
    lines = text(_hyphenate(value) if bold else value).split("\n")
    runs = "<w:r><w:br/></w:r>".join(
        f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}"
        f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
        for line in lines
    )
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    align = '<w:jc w:val="right"/>' if right else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="20" w:after="20"/>{align}</w:pPr>{runs}</w:p></w:tc>'
    )


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
    across pages, assembled as one XML string (fast for thousands of rows)."""
    widths = [int(w / 2.54 * 1440) for w in widths_cm]  # cm -> twentieths of a point
    right = set(numeric)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{GRID}"'
    half_points = int(font_size * 2)
    header_cells = "".join(
        _cell_xml(h, w, bold=True, right=i in right, fill=HEADER_FILL)
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    body = []
    for row in rows:
        cells = "".join(
            _cell_xml("" if v is None else str(v), w, bold=False, right=i in right, fill=None)
            for i, (v, w) in enumerate(zip(row, widths, strict=True))
        )
        body.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f"<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>"
        f"<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="55" w:type="dxa"/><w:right w:w="55" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header_cells}</w:tr>"
        + "".join(body)
        + "</w:tbl>"
    )
    element = parse_xml(xml)
    # One run size for the whole table, set once on every run rather than cell by cell.
    for run_properties in element.iter(qn("w:r")):
        rpr = run_properties.find(qn("w:rPr"))
        if rpr is None:
            rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
            run_properties.insert(0, rpr)
        # Header cells (bold) a half point smaller: long criterion names fit narrow columns.
        size = half_points - 1 if rpr.find(qn("w:b")) is not None else half_points
        rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{size}"/>'))
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
    document.save(str(path))
