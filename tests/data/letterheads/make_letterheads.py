"""Makes the letterheads in this folder, shaped as organisations' real ones are (they were made
for this project; no organisation's file is copied). Run from the repository's root:

    .venv/bin/python tests/data/letterheads/make_letterheads.py

- header-drawn.docx: the logo and the name in the header, the address in the footer, a sample
  letter in the body;
- body-drawn.docx: a floating logo and an address table at the top of the body, then a sample
  letter (a placeholder title, paragraphs, a page break and a second sample page); the footer
  numbers its pages with a complex PAGE field;
- styles-only.docx: the organisation's fonts and colours only: no header, no body, no
  numbering part, no list styles;
- long-sample.docx: a 6-page sample document (headings, tables, a picture, two sections) on a
  header letterhead: nothing at the top of its body is letterhead;
- word2007.docx: written as Word 2007 wrote: a VML logo (`w:pict`) anchored to the date line,
  `fldSimple` page numbers in the footer, a "List Bullet" style pointing to a decimal list;
- libreoffice.docx: body-drawn.docx opened and saved by LibreOffice Writer (made only when
  `soffice` is on PATH).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).parent
NAVY = RGBColor(0x1B, 0x3A, 0x5C)


def logo_png(width: int = 240, height: int = 80) -> bytes:
    """A two-colour logo (a navy band with an orange square), as a PNG written by hand."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            if 12 <= x < 68 and 12 <= y < 68:
                row += bytes((0xE8, 0x7D, 0x1E))
            elif y > height - 14:
                row += bytes((0x1B, 0x3A, 0x5C))
            elif x >= 80:
                row += bytes((0x1B, 0x3A, 0x5C)) if (x // 6 + y // 6) % 7 == 0 else b"\xff\xff\xff"
            else:
                row += b"\xff\xff\xff"
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


SAMPLE_LETTER = [
    "Hyvä vastaanottaja,",
    "Kiitämme yhteydenotostanne. Tämä kirjepohja on yhdistyksen virallinen pohja, jota "
    "käytetään kaikessa ulkoisessa viestinnässä. Kirjoita tähän kirjeen varsinainen sisältö.",
    "Yhdistyksen hallitus kokoontuu seuraavan kerran kuun lopussa. Esityslista lähetetään "
    "jäsenille viikkoa ennen kokousta, ja aineisto on luettavissa jäsensivuilla.",
    "Ystävällisin terveisin",
    "Maija Mallikas, toiminnanjohtaja",
]


def _logo_file() -> Path:
    path = Path(tempfile.mkdtemp()) / "logo.png"
    path.write_bytes(logo_png())
    return path


def _float(run, x_cm: float, y_cm: float) -> None:
    """Turn the run's inline picture into one anchored to the page (as Word draws a logo)."""
    inline = run._r.find(f".//{qn('wp:inline')}")
    extent = inline.find(qn("wp:extent"))
    doc_pr = inline.find(qn("wp:docPr"))
    graphic = inline.find(qn("a:graphic"))
    emu = 360000
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="114300" '
        'distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" '
        'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{int(x_cm * emu)}</wp:posOffset>'
        f'</wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>{int(y_cm * emu)}'
        f'</wp:posOffset></wp:positionV><wp:extent cx="{extent.get("cx")}" '
        f'cy="{extent.get("cy")}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{doc_pr.get("id")}" name="Logo"/><wp:cNvGraphicFramePr/></wp:anchor>'
    )
    anchor.append(graphic)
    inline.getparent().replace(inline, anchor)


def _hyperlink(paragraph, url: str, shown: str) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr>'
            f'<w:color w:val="1B3A5C"/></w:rPr><w:t>{shown}</w:t></w:r></w:hyperlink>'
        )
    )


def _page_field(paragraph, prefix: str) -> None:
    paragraph.add_run(prefix)
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>1</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def _org_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(10.5)
    for name in ("Heading 1", "Title"):
        document.styles[name].font.color.rgb = NAVY


def header_drawn(logo: Path) -> None:
    document = Document()
    _org_styles(document)
    section = document.sections[0]
    header = section.header
    header.paragraphs[0].add_run().add_picture(str(logo), width=Cm(4.5))
    name = header.add_paragraph("Asiakaspalveluyhdistys ry")
    name.runs[0].bold = True
    footer = section.footer
    footer.paragraphs[
        0
    ].text = "Asiakaspalveluyhdistys ry · Mannerheimintie 1 A, 00100 Helsinki · www.example.fi"
    document.add_paragraph("Helsingissä 1.3.2026")
    document.add_paragraph("Vastaanottaja\nKatuosoite 1\n00100 Helsinki")
    document.add_heading("Asia: kirjepohjan otsikko", level=1)
    for text in SAMPLE_LETTER:
        document.add_paragraph(text)
    document.save(str(HERE / "header-drawn.docx"))


def body_drawn(logo: Path) -> None:
    document = Document()
    _org_styles(document)
    section = document.sections[0]
    section.top_margin = Cm(1.5)
    first = document.add_paragraph()
    run = first.add_run()
    run.add_picture(str(logo), width=Cm(5))
    _float(run, 1.5, 1.0)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = ""
    table.cell(0, 1).text = "Asiakaspalveluyhdistys ry"
    table.cell(0, 1).paragraphs[0].runs[0].bold = True
    table.cell(1, 1).text = "Mannerheimintie 1 A, 00100 Helsinki\npuh. 09 123 4567"
    _hyperlink(table.cell(1, 1).add_paragraph(), "https://www.example.fi/", "www.example.fi")
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(8), Cm(9)
    document.add_paragraph()
    body = document.element.body
    placeholder = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Otsikko"/><w:showingPlcHdr/>'
        '</w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>'
        "<w:r><w:t>[Otsikko]</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    body.insert(len(body) - 1, placeholder)
    document.add_paragraph("Helsingissä 1.3.2026")
    for text in SAMPLE_LETTER:
        document.add_paragraph(text)
    document.add_page_break()
    document.add_heading("Liite: jäsenmaksut 2026", level=1)
    fees = document.add_table(rows=3, cols=2)
    for r, (kind, fee) in enumerate((("Henkilöjäsen", "40 €"), ("Yhteisöjäsen", "400 €"),
                                     ("Opiskelija", "10 €"))):  # fmt: skip
        fees.cell(r, 0).text, fees.cell(r, 1).text = kind, fee
    footer = section.footer.paragraphs[0]
    footer.text = "Asiakaspalveluyhdistys ry"
    _page_field(section.footer.add_paragraph(), "Sivu ")
    document.save(str(HERE / "body-drawn.docx"))


def styles_only() -> None:
    document = Document()
    _org_styles(document)
    keep = {"Normal", "heading 1", "Title", "Default Paragraph Font", "Normal Table"}
    styles = document.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in keep:
            styles.remove(style)
    # No numbering part at all, as a letterhead saved with no list in it may have.
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            del part.rels[r_id]
    document.save(str(HERE / "styles-only.docx"))


def long_sample(logo: Path) -> None:
    document = Document()
    _org_styles(document)
    document.sections[0].header.paragraphs[0].text = "ASIAKASPALVELUYHDISTYS RY – VUOSIKERTOMUS"
    document.add_heading("Vuosikertomus 2025", level=0)
    for chapter in range(1, 9):
        document.add_heading(f"{chapter}. Luku {chapter}", level=1)
        for n in range(6):
            document.add_paragraph(
                f"Luvun {chapter} kappale {n + 1}. Yhdistyksen toiminta jatkui vilkkaana, ja "
                "jäsenmäärä kasvoi edellisestä vuodesta. Tilaisuuksiin osallistui yhteensä "
                "satoja jäseniä eri puolilta Suomea, ja palaute oli myönteistä."
            )
        if chapter == 3:
            document.add_paragraph().add_run().add_picture(str(logo), width=Cm(6))
        if chapter in (2, 6):
            table = document.add_table(rows=4, cols=3)
            for r in range(4):
                for c in range(3):
                    table.cell(r, c).text = f"{r}.{c}"
    new = document.add_section()
    new.header.is_linked_to_previous = False
    new.header.paragraphs[0].text = "LIITTEET"
    document.add_heading("Liitteet", level=1)
    document.add_paragraph("Liite 1: tilinpäätös.")
    document.save(str(HERE / "long-sample.docx"))


W2007_NS = (
    'xmlns:ve="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"'
)
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def word2007() -> None:
    """Written part by part as Word 2007 saved a letterhead: VML, no w14, fldSimple."""
    import zipfile

    types = (
        HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/></Types>'
    )
    package_rels = (
        HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/'
        '2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    document_rels = (
        HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{rel}numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{rel}settings" Target="settings.xml"/>'
        f'<Relationship Id="rId4" Type="{rel}image" Target="media/image1.png"/>'
        f'<Relationship Id="rId5" Type="{rel}header" Target="header1.xml"/>'
        f'<Relationship Id="rId6" Type="{rel}footer" Target="footer1.xml"/></Relationships>'
    )
    logo = (
        '<w:r><w:pict><v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" '
        'o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f">'
        '<v:stroke joinstyle="miter"/><o:lock v:ext="edit" aspectratio="t"/></v:shapetype>'
        '<v:shape id="Logo" o:spid="_x0000_s1025" type="#_x0000_t75" style="position:absolute;'
        "margin-left:0;margin-top:-28pt;width:150pt;height:50pt;z-index:1;"
        'mso-position-horizontal-relative:margin" o:allowoverlap="f">'
        '<v:imagedata r:id="rId4" o:title="logo"/><w10:wrap type="topAndBottom"/></v:shape>'
        "</w:pict></w:r>"
    )
    address = (
        '<w:p><w:pPr><w:framePr w:w="4000" w:hSpace="180" w:wrap="around" w:vAnchor="page" '
        'w:hAnchor="page" w:x="7000" w:y="1300"/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:b/>'
        "</w:rPr><w:t>Asiakaspalveluyhdistys ry</w:t></w:r><w:r><w:br/><w:t>Mannerheimintie 1 A"
        "</w:t></w:r><w:r><w:br/><w:t>00100 Helsinki</w:t></w:r></w:p>"
    )
    paragraphs = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in SAMPLE_LETTER)
    body = (
        HEAD + f"<w:document {W2007_NS}><w:body>{address}"
        f'<w:p><w:pPr><w:spacing w:before="1200"/></w:pPr>{logo}<w:r><w:t>Helsingissä 12.3.2008'
        f"</w:t></w:r></w:p>{paragraphs}"
        '<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Esimerkkikohta</w:t>'
        '</w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:footerReference w:type="default" r:id="rId6"/><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1417" w:right="1134" w:bottom="1417" w:left="1134" w:header="708" '
        'w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    styles = (
        HEAD + f"<w:styles {W2007_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts "
        'w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/><w:lang w:val="fi-FI"/></w:rPr>'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" '
        'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name '
        'w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="480" w:after="0"/><w:outlineLvl w:val="0"/>'
        '</w:pPr><w:rPr><w:b/><w:color w:val="365F91"/><w:sz w:val="28"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
        '</w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>'
        '<w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Footer">'
        '<w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name '
        'w:val="Default Paragraph Font"/></w:style></w:styles>'
    )
    numbering = (
        HEAD + f'<w:numbering {W2007_NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType '
        'w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" '
        'w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId '
        'w:val="0"/></w:num></w:numbering>'
    )
    settings = (
        HEAD + f'<w:settings {W2007_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="1304"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/><w:compat/></w:settings>'
    )
    header = (
        HEAD + f'<w:hdr {W2007_NS}><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/>'
        "</w:pPr><w:r><w:t>ASIAKASPALVELUYHDISTYS RY</w:t></w:r></w:p></w:hdr>"
    )
    footer = (
        HEAD + f'<w:ftr {W2007_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/>'
        '</w:pPr><w:r><w:t xml:space="preserve">Sivu </w:t></w:r><w:fldSimple w:instr=" PAGE  '
        '\\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve">'
        ' (</w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        "<w:r><w:t>)</w:t></w:r></w:p></w:ftr>"
    )
    core = (
        HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        'XMLSchema-instance"><dc:title>Kirjepohja</dc:title><dc:creator>Toimisto</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2008-03-12T09:00:00Z</dcterms:created>'
        "</cp:coreProperties>"
    )
    with zipfile.ZipFile(HERE / "word2007.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", types),
            ("_rels/.rels", package_rels),
            ("word/_rels/document.xml.rels", document_rels),
            ("word/document.xml", body),
            ("word/styles.xml", styles),
            ("word/numbering.xml", numbering),
            ("word/settings.xml", settings),
            ("word/header1.xml", header),
            ("word/footer1.xml", footer),
            ("docProps/core.xml", core),
        ):
            archive.writestr(name, text.encode("utf-8"))
        archive.writestr("word/media/image1.png", logo_png())


def libreoffice() -> None:
    if shutil.which("soffice") is None:
        print("soffice is missing: libreoffice.docx not made")
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
             folder, str(HERE / "body-drawn.docx")],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
        shutil.move(Path(folder) / "body-drawn.docx", HERE / "libreoffice.docx")


if __name__ == "__main__":
    logo = _logo_file()
    header_drawn(logo)
    body_drawn(logo)
    styles_only()
    long_sample(logo)
    word2007()
    libreoffice()
    print(sorted(p.name for p in HERE.glob("*.docx")))
