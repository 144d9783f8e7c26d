"""An organisation's letterhead (`--template`) made safe and ready before python-docx opens it.

The template's package is read part by part (zip and XML, no python-docx) and rewritten:

**Nothing that acts or reaches out.** Removed, and named in `Prepared.notes`:
- macros (`vbaProject.bin`, `vbaData.xml`, key-map customisations, attached toolbars), ActiveX
  controls (`w:control` and their parts), embedded OLE objects (`w:object`, `o:OLEObject` and
  `word/embeddings/...`), altChunks (`w:altChunk` and the chunk part), sub-documents;
- every relationship with `TargetMode="External"` in every `.rels` (an attached template in
  `settings.xml.rels`, linked images, hyperlinks, mail-merge data sources, frames): an element
  that used one goes with it, except a hyperlink, whose text stays as plain text;
- fields other than a short list of harmless ones (PAGE, NUMPAGES, DATE, STYLEREF, DOCPROPERTY,
  ...): DDE, DDEAUTO, INCLUDETEXT, INCLUDEPICTURE, LINK, HYPERLINK, MACROBUTTON and any field
  the list lacks lose their code, simple (`w:fldSimple`) and complex (`w:fldChar` and
  `w:instrText`, nested or split over runs) alike; the text they showed stays as plain text;
- tracked changes, accepted: insertions and moves-to are unwrapped (`w:ins`, `w:moveTo`),
  deletions and moves-from dropped (`w:del`, `w:moveFrom`, a deleted table row), formatting
  changes (`w:rPrChange`, `w:pPrChange`, ...) dropped; `w:trackRevisions`, the attached
  template, mail merge and "update fields on opening" are taken out of `settings.xml`;
- the building blocks (glossary) and the thumbnail picture of the template's sample page.

**The letterhead drawn in the body, never the sample text.** Word letterheads are drawn either in
the header (kept as it is) or at the top of the body. The rule: reading the body from the top,
an element belongs to the letterhead while it is
- a paragraph holding a drawing, shape, picture, text box or frame (`w:drawing`, `w:pict`,
  `mc:AlternateContent`, `w:framePr`), unless its text boxes hold more than 400 characters
  (a page of sample text in a box); when such a paragraph also holds text of its own beside a
  floating (anchored) drawing, or more than 80 characters of it, the drawing is the letterhead
  and the text the letter's first line: the drawings are taken without the text, and the
  letterhead ends there;
- a small table: at most 6 rows and 12 cells, each cell at most 120 characters and no nested
  table (an address block, a logo beside the organisation's name);
- an empty paragraph between two of the above (kept as spacing).
A content control showing its placeholder ("[Title]", "[Email]") is never letterhead: it is
taken out first, and what remains of its paragraph or table is judged without it. The first
anything else ends the letterhead: a paragraph of text (a heading, a date line, "Dear ..."), a
filled block content control (a cover page), a page or section break, a larger table.
Everything from there on is the template's sample text and is left out, counted in the notes
("took 2 drawings and 1 table from the top of the template's body; left out 14 paragraphs of
sample text").

With several sections, the first section's header, footer and page setup are used (the body's
own sectPr is the last section's). `Prepared.has_page_field` says whether a kept header or
footer holds a PAGE field, so that the document's pages are numbered once.

Parts that nothing refers to any more (the sample text's images, headers of dropped sections,
comments) are not carried.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# Fields that only show something about the document itself. Any other field loses its code.
SAFE_FIELDS = frozenset(
    """PAGE NUMPAGES SECTIONPAGES SECTION DATE TIME CREATEDATE SAVEDATE PRINTDATE EDITTIME
    TITLE SUBJECT AUTHOR KEYWORDS COMMENTS LASTSAVEDBY DOCPROPERTY INFO NUMCHARS NUMWORDS
    STYLEREF REF PAGEREF NOTEREF SEQ SYMBOL TOC TOA TC XE INDEX LISTNUM AUTONUM AUTONUMLGL
    AUTONUMOUT EQ ADVANCE FORMTEXT FORMCHECKBOX FORMDROPDOWN MERGEFIELD MERGEFORMAT
    BARCODE DISPLAYBARCODE""".split()  # noqa: SIM905
)

# Relationship types (by their last segment) whose parts act or reach out.
_DROPPED_TYPES = {
    "vbaProject": "macros",
    "wordVbaData": "macros",
    "keyMapCustomizations": "macros",
    "attachedToolbars": "macros",
    "control": "ActiveX controls",
    "activeXControlBinary": "ActiveX controls",
    "aFChunk": "altChunks",
    "oleObject": "embedded OLE objects",
    "package": "embedded OLE objects",
    "subDocument": "sub-documents",
    "glossaryDocument": "building blocks (glossary)",
    "thumbnail": "the thumbnail picture of the template's sample page",
}
# Content types of parts that must not travel even when nothing (visibly) relates to them.
_DROPPED_CONTENT = (
    ("vbaProject", "macros"),
    ("vbaData", "macros"),
    ("keyMapCustomizations", "macros"),
    ("attachedToolbars", "macros"),
    ("activeX", "ActiveX controls"),
    ("oleObject", "embedded OLE objects"),
)

# Document-part relationships that go when the body no longer refers to them.
_BODY_ONLY_TYPES = {
    "image",
    "hyperlink",
    "chart",
    "diagramData",
    "diagramLayout",
    "diagramQuickStyle",
    "diagramColors",
    "diagramDrawing",
    "video",
    "audio",
    "media",
    "header",
    "footer",
}
_COMMENT_TYPES = {"comments", "commentsExtended", "commentsIds", "commentsExtensible", "people"}

_TRACKED_UNWRAP = ("ins", "moveTo")
_TRACKED_DROP_CONTENT = ("del", "moveFrom")
_TRACKED_DROP = (
    "moveFromRangeStart",
    "moveFromRangeEnd",
    "moveToRangeStart",
    "moveToRangeEnd",
    "customXmlInsRangeStart",
    "customXmlInsRangeEnd",
    "customXmlDelRangeStart",
    "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart",
    "customXmlMoveFromRangeEnd",
    "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd",
    "cellIns",
    "cellDel",
    "cellMerge",
)
_FORMAT_CHANGES = (
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "tblPrExChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
)
_SETTINGS_DROP = {
    "trackRevisions": "revision tracking",
    "attachedTemplate": "the attached template",
    "mailMerge": "a mail-merge data source",
    "updateFields": "updating fields on opening",
}

MAX_TABLE_ROWS = 6
MAX_TABLE_CELLS = 12
MAX_CELL_CHARS = 120
MAX_LINE_CHARS = 80
MAX_BOX_CHARS = 400


class Prepared(NamedTuple):
    """The template as a package python-docx can open (a document, not a template), its body
    only the letterhead, and what was done to it, one sentence each."""

    package: bytes
    notes: tuple[str, ...]
    has_page_field: bool


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _short(value: str, limit: int = 80) -> str:
    value = "".join(c for c in value if c.isprintable())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def prepare(template: Path) -> Prepared:
    """The template made safe (see the module's docstring); cached per file version, so every
    document made from one template in one run reads it once."""
    stat = template.stat()
    return _prepare(str(template), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _prepare(name: str, _mtime: int, _size: int) -> Prepared:
    from awards.errors import FileRefused

    from .score_file import declares_entities
    from .tabular import check_zip

    template = Path(name)
    check_zip(template, ".docx")
    with zipfile.ZipFile(template) as archive:
        parts: dict[str, bytes] = {}
        for item in archive.infolist():
            if item.is_dir():
                continue
            data = archive.read(item)
            if item.filename.endswith((".xml", ".rels")) and declares_entities(data):
                # python-docx would keep the declarations and write an ill-formed document.
                raise FileRefused(
                    f"{template.name}: refused as a template: {item.filename} declares XML "
                    "entities (a DTD), which no Word file needs"
                )
            parts[item.filename] = data
    try:
        return _Sanitiser(template.name, parts).run()
    except _Refused as exc:
        raise FileRefused(f"{template.name} cannot be used as a Word template ({exc})") from None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        # A package built in a way no Word or LibreOffice writes: one error line, not a trace.
        raise FileRefused(
            f"{template.name} cannot be used as a Word template (its package is malformed: "
            f"{type(exc).__name__} {exc})"
        ) from None


class _Refused(Exception):
    pass


def _parse(data: bytes, part: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _Refused(f"{part} is not well-formed XML: {exc}") from None


def _serialise(root: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels: str) -> str:
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _kind(rel_type: str) -> str:
    return rel_type.rstrip("/").rsplit("/", 1)[-1]


def _unwrap(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _remove(element: Any) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _either(found: Any, element: Any) -> Any:
    """`found` unless it is None (an lxml element without children is false)."""
    return element if found is None else found


def _ancestor(element: Any, tags: Iterable[str]) -> Any:
    wanted = set(tags)
    node = element.getparent()
    while node is not None:
        if node.tag in wanted:
            return node
        node = node.getparent()
    return None


def _drawing_holder(element: Any) -> Any:
    """The whole drawing an element belongs to: its mc:AlternateContent (both the modern and
    the fallback form), or its w:drawing / w:pict."""
    outer = _ancestor(element, [f"{{{MC}}}AlternateContent"])
    if outer is not None:
        return outer
    return _either(_ancestor(element, [w("drawing"), w("pict")]), element)


class _Sanitiser:
    def __init__(self, name: str, parts: dict[str, bytes]) -> None:
        self.name = name
        self.parts = parts
        self.trees: dict[str, Any] = {}
        self.removed: dict[str, list[str]] = {}  # what kind -> the part names or targets
        self.in_text: Counter[str] = Counter()  # what kind -> how many elements in the text
        self.fields: Counter[str] = Counter()
        self.tracked: Counter[str] = Counter()
        self.settings: list[str] = []
        self.notes: list[str] = []
        self.took: Counter[str] = Counter()
        self.left: Counter[str] = Counter()
        self.placeholders: list[str] = []
        self.kept: set[str] = set()
        self.sections = 1

    # -- parts ------------------------------------------------------------------------------

    def tree(self, part: str) -> Any:
        if part not in self.trees:
            self.trees[part] = _parse(self.parts[part], part)
        return self.trees[part]

    def note_removed(self, kind: str, what: str) -> None:
        found = self.removed.setdefault(kind, [])
        if what not in found:
            found.append(what)

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if "[Content_Types].xml" not in self.parts:
            raise _Refused("no [Content_Types].xml")
        root = self.tree("[Content_Types].xml")
        defaults = {
            d.get("Extension", "").lower(): d.get("ContentType", "")
            for d in root.findall(f"{{{CT}}}Default")
        }
        overrides = {
            o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
            for o in root.findall(f"{{{CT}}}Override")
        }
        return defaults, overrides

    def content_type(self, part: str) -> str:
        defaults, overrides = self._types
        if part in overrides:
            return overrides[part]
        return defaults.get(part.rsplit(".", 1)[-1].lower(), "")

    def main_part(self) -> str:
        if "_rels/.rels" not in self.parts:
            raise _Refused("no _rels/.rels")
        for rel in self.tree("_rels/.rels").findall(f"{{{PR}}}Relationship"):
            if _kind(rel.get("Type", "")) == "officeDocument":
                return _target("", rel.get("Target", ""))
        raise _Refused("no main document part")

    # -- the whole run ----------------------------------------------------------------------

    def run(self) -> Prepared:
        self._types = self.content_types()
        main = self.main_part()
        if main not in self.parts:
            raise _Refused(f"the main part {main} is missing")
        main_type = self.content_type(main)
        if "macroEnabled" in main_type:
            raise _Refused(f"its main part is macro-enabled ({main_type})")
        dropped_ids = self.drop_relationships()
        for part in sorted(self.parts):
            if part.endswith(".xml") and part != "[Content_Types].xml":
                self.clean_xml(part, dropped_ids.get(part, {}))
        self.clean_settings()
        self.take_letterhead(main)
        self.drop_unused_body_relationships(main)
        package = self.write(main)
        self.describe()
        numbered = self.page_field()
        if numbered:
            self.notes.append(
                f"its {numbered} numbers the pages: the tool adds no page numbers of its own"
            )
        return Prepared(package, tuple(self.notes), bool(numbered))

    # -- relationships ----------------------------------------------------------------------

    def drop_relationships(self) -> dict[str, dict[str, str]]:
        """Every external relationship and every relationship to a part that acts; returns,
        per source part, the dropped ids and their kind."""
        dropped: dict[str, dict[str, str]] = {}
        for rels in [p for p in self.parts if p.endswith(".rels")]:
            root = self.tree(rels)
            source = _source_of(rels)
            for rel in list(root.findall(f"{{{PR}}}Relationship")):
                kind = _kind(rel.get("Type", ""))
                target = rel.get("Target", "")
                if (rel.get("TargetMode") or "").lower() == "external":
                    label = {
                        "attachedTemplate": "attached template",
                        "image": "linked image",
                        "hyperlink": "hyperlink",
                        "oleObject": "linked object",
                        "subDocument": "sub-document",
                        "frame": "frame",
                        "mailMergeSource": "mail-merge data source",
                        "mailMergeHeaderSource": "mail-merge data source",
                    }.get(kind, kind)
                    self.note_removed("external links", f"{label} {_short(target)}")
                elif kind in _DROPPED_TYPES:
                    part = _target(source, target)
                    self.note_removed(_DROPPED_TYPES[kind], part)
                    self.parts.pop(part, None)
                else:
                    continue
                root.remove(rel)
                dropped.setdefault(source, {})[rel.get("Id", "")] = kind
        for part in list(self.parts):
            content = self.content_type(part)
            base = posixpath.basename(part).lower()
            for marker, kind in _DROPPED_CONTENT:
                if marker.lower() in content.lower() or base.startswith(marker.lower()):
                    self.note_removed(kind, part)
                    self.parts.pop(part)
                    break
        return dropped

    # -- XML parts --------------------------------------------------------------------------

    def clean_xml(self, part: str, dropped: dict[str, str]) -> None:
        data = self.parts[part]
        if W.encode() not in data and not dropped:
            return
        root = self.tree(part)
        self.drop_by_reference(root, dropped)
        self.drop_acting_elements(root)
        self.flatten_fields(root)
        self.accept_changes(root)
        for run in list(root.iter(w("r"))):
            if all(child.tag == w("rPr") for child in run):
                _remove(run)

    def drop_by_reference(self, root: Any, dropped: dict[str, str]) -> None:
        if not dropped:
            return
        ids = set(dropped)
        for element in list(root.iter()):
            if not isinstance(element.tag, str):
                continue
            used = [
                key
                for key, value in element.attrib.items()
                if value in ids and (key.startswith(f"{{{R}}}") or key.endswith("}relid"))
            ]
            if not used:
                continue
            tag = element.tag
            if tag == w("hyperlink"):
                for style in element.iter(w("rStyle")):
                    if style.get(w("val"), "").lower() == "hyperlink":
                        _remove(style)
                _unwrap(element)
            elif tag in (f"{{{A}}}hlinkClick", f"{{{A}}}hlinkHover", f"{{{A}}}hlinkMouseOver"):
                _remove(element)
            elif tag == f"{{{A}}}blip" or tag == f"{{{V}}}imagedata":
                for key in used:
                    del element.attrib[key]
                if not any(k.startswith(f"{{{R}}}") for k in element.attrib):
                    _remove(_drawing_holder(element))
            elif tag in (w("attachedTemplate"), w("altChunk"), w("subDoc")):
                _remove(element)
                if tag == w("altChunk"):
                    self.in_text["altChunks"] += 1
            elif tag in (w("dataSource"), w("headerSource")):
                _remove(_either(_ancestor(element, [w("mailMerge")]), element))
            elif tag in (f"{{{OFFICE}}}OLEObject", w("control")):
                kind = "ActiveX controls" if tag == w("control") else "embedded OLE objects"
                self.in_text[kind] += 1
                _remove(_either(_ancestor(element, [w("object"), w("pict")]), element))
            else:
                for key in used:
                    del element.attrib[key]

    def drop_acting_elements(self, root: Any) -> None:
        for tag, kind in (
            (w("altChunk"), "altChunks"),
            (w("subDoc"), "sub-documents"),
            (w("control"), "ActiveX controls"),
            (f"{{{OFFICE}}}OLEObject", "embedded OLE objects"),
            (w("object"), "embedded OLE objects"),
        ):
            for element in list(root.iter(tag)):
                if _ancestor(element, [w("object")]) is not None and tag != w("object"):
                    _remove(_ancestor(element, [w("object")]))
                elif tag in (w("control"), f"{{{OFFICE}}}OLEObject"):
                    _remove(_either(_ancestor(element, [w("pict")]), element))
                else:
                    _remove(element)
                self.in_text[kind] += 1
        for element in list(root.iter(f"{{{V}}}imagedata")):
            href = element.get(f"{{{OFFICE}}}href")
            if href and "://" in href:
                del element.attrib[f"{{{OFFICE}}}href"]

    def flatten_fields(self, root: Any) -> None:
        """Fields outside SAFE_FIELDS keep only the text they showed."""
        for simple in list(root.iter(w("fldSimple"))):
            name = _field_name(simple.get(w("instr"), ""))
            if name not in SAFE_FIELDS:
                self.fields[name or "(unnamed)"] += 1
                for data in simple.findall(w("fldData")):
                    simple.remove(data)
                _unwrap(simple)
        stack: list[dict[str, Any]] = []
        finished: list[dict[str, Any]] = []
        for element in list(root.iter(w("fldChar"), w("instrText"))):
            if element.tag == w("instrText"):
                if stack and stack[-1]["in_code"]:
                    stack[-1]["instr"].append(element.text or "")
                    stack[-1]["code"].append(element)
                continue
            kind = element.get(w("fldCharType"))
            if kind == "begin":
                stack.append({"begin": element, "instr": [], "code": [], "in_code": True})
            elif kind == "separate" and stack:
                stack[-1]["code"].append(element)
                stack[-1]["in_code"] = False
            elif kind == "end" and stack:
                field = stack.pop()
                field["code"].append(element)
                finished.append(field)
                if stack and stack[-1]["in_code"]:
                    # A field inside another's code is part of that code.
                    stack[-1]["code"].extend([field["begin"], *field["code"]])
        finished.extend(stack)  # never ended: unsafe unless its code says otherwise
        for field in finished:
            name = _field_name("".join(field["instr"]))
            if name in SAFE_FIELDS and field in stack:
                name = ""  # an unended field is never kept
            if name in SAFE_FIELDS:
                continue
            self.fields[name or "(unnamed)"] += 1
            for element in (field["begin"], *field["code"]):
                # Only the markers and the code go; the runs that carried them are removed
                # when left empty, the result's runs stay.
                _remove(element)
        for data in list(root.iter(w("fldData"))):
            _remove(data)

    def accept_changes(self, root: Any) -> None:
        for tag in _TRACKED_DROP_CONTENT:
            for element in list(root.iter(w(tag))):
                parent = element.getparent()
                if parent is not None and parent.tag == w("trPr"):
                    row = parent.getparent()
                    _remove(row if row is not None else element)
                    self.tracked["deleted table rows"] += 1
                    continue
                if parent is not None and parent.tag == w("rPr"):
                    _remove(element)  # a deleted paragraph mark: the paragraph stays
                    continue
                _remove(element)
                self.tracked["deletions"] += 1
        for tag in _TRACKED_UNWRAP:
            for element in list(root.iter(w(tag))):
                if len(element):
                    self.tracked["insertions"] += 1
                _unwrap(element)
        for tag in _TRACKED_DROP:
            for element in list(root.iter(w(tag))):
                _remove(element)
        for tag in _FORMAT_CHANGES:
            for element in list(root.iter(w(tag))):
                _remove(element)
                self.tracked["formatting changes"] += 1
        for tag in ("delText", "delInstrText"):
            for element in list(root.iter(w(tag))):
                _remove(element)

    def clean_settings(self) -> None:
        for part in self.parts:
            if not part.endswith("settings.xml") or part.endswith("webSettings.xml"):
                continue
            root = self.tree(part)
            if root.tag != w("settings"):
                continue
            for tag, label in _SETTINGS_DROP.items():
                for element in list(root.findall(w(tag))):
                    root.remove(element)
                    if label not in self.settings:
                        self.settings.append(label)

    # -- the body ---------------------------------------------------------------------------

    def take_letterhead(self, main: str) -> None:
        root = self.tree(main)
        body = root.find(w("body"))
        if body is None:
            raise _Refused(f"{main} has no body")
        taken: list[Any] = []
        pending: list[Any] = []
        took: Counter[str] = Counter()
        left: Counter[str] = Counter()
        children = [c for c in body if c.tag != w("sectPr")]
        # The letterhead is the first page's: with several sections, the first one's header,
        # footer and page setup are used, not the last one's (which the body's own sectPr is).
        sections = [s for c in children for s in c.findall(f"{w('pPr')}/{w('sectPr')}")]
        last = body.find(w("sectPr"))
        if sections:
            from copy import deepcopy

            first = deepcopy(sections[0])
            if last is not None:
                body.replace(last, first)
            else:
                body.append(first)
            self.sections = len(sections) + 1
        ended = False
        for child in children:
            if ended:
                _count_content(child, left)
                body.remove(child)
                continue
            # A placeholder ("[Email]", "[Date]") is never part of a letterhead: it goes, and
            # what remains of its paragraph or table is judged without it.
            for sdt in [*child.iter(w("sdt"))]:
                if sdt.find(f"{w('sdtPr')}/{w('showingPlcHdr')}") is not None:
                    shown = "".join(t.text or "" for t in sdt.iter(w("t"))).strip()
                    self.placeholders.append(shown or "(empty)")
                    _remove(sdt)
            if child.getparent() is None:
                continue
            verdict = _letterhead_verdict(child)
            if verdict in ("skip", "empty"):  # kept only between parts of the letterhead
                pending.append(child)
            elif verdict in ("take", "take-drawings-and-end"):
                if verdict == "take-drawings-and-end":
                    dropped = _keep_only_drawings(child)
                    left["paragraphs"] += dropped
                    ended = True
                taken.extend(pending)
                pending = []
                taken.append(child)
                _count_taken(child, took)
            else:
                ended = True
                _count_content(child, left)
                body.remove(child)
        for child in pending:  # empty paragraphs after the letterhead: not needed
            body.remove(child)
        self.took, self.left = took, left

    def drop_unused_body_relationships(self, main: str) -> None:
        rels_name = _rels_name(main)
        if rels_name not in self.parts:
            return
        root = self.tree(main)
        used = {
            value
            for element in root.iter()
            if isinstance(element.tag, str)
            for key, value in element.attrib.items()
            if key.startswith(f"{{{R}}}") or key.endswith("}relid")
        }
        comments = next(root.iter(w("commentReference"), w("commentRangeStart")), None) is not None
        rels = self.tree(rels_name)
        for rel in list(rels.findall(f"{{{PR}}}Relationship")):
            kind = _kind(rel.get("Type", ""))
            if (kind in _BODY_ONLY_TYPES and rel.get("Id") not in used) or (
                kind in _COMMENT_TYPES and not comments
            ):
                rels.remove(rel)
            elif kind in ("footnotes", "endnotes"):
                self.drop_unused_notes(main, rel, kind[:-1], root)

    def drop_unused_notes(self, main: str, rel: Any, kind: str, body: Any) -> None:
        """The sample text's footnotes and endnotes go with it; the separators stay."""
        target = _target(main, rel.get("Target", ""))
        if target not in self.parts:
            return
        used = {r.get(w("id")) for r in body.iter(w(f"{kind}Reference"))}
        notes = self.tree(target)
        for note in list(notes.findall(w(kind))):
            if note.get(w("type")) in (None, "normal") and note.get(w("id")) not in used:
                notes.remove(note)

    # -- out --------------------------------------------------------------------------------

    def reachable(self) -> set[str]:
        seen: set[str] = set()
        todo = [""]  # the package itself
        while todo:
            source = todo.pop()
            rels = "_rels/.rels" if source == "" else _rels_name(source)
            if rels not in self.parts:
                continue
            for rel in self.tree(rels).findall(f"{{{PR}}}Relationship"):
                if (rel.get("TargetMode") or "").lower() == "external":
                    continue
                target = _target(source, rel.get("Target", ""))
                if target in self.parts and target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    def write(self, main: str) -> bytes:
        keep = self.reachable()
        ct_root = self.tree("[Content_Types].xml")
        for override in list(ct_root.findall(f"{{{CT}}}Override")):
            name = override.get("PartName", "").lstrip("/")
            if name not in keep:
                ct_root.remove(override)
            elif name == main and override.get("ContentType") == _TEMPLATE_TYPE:
                # A Word template (.dotx) is opened as the document it makes.
                override.set("ContentType", _DOCUMENT_TYPE)
        for default in list(ct_root.findall(f"{{{CT}}}Default")):
            content = default.get("ContentType", "")
            if any(marker.lower() in content.lower() for marker, _ in _DROPPED_CONTENT):
                ct_root.remove(default)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            names = ["[Content_Types].xml", "_rels/.rels"]
            for part in sorted(keep):
                names.append(part)
                if _rels_name(part) in self.parts:
                    names.append(_rels_name(part))
            for part in names:
                if part not in self.parts and part not in self.trees:
                    continue
                data = _serialise(self.trees[part]) if part in self.trees else self.parts[part]
                out.writestr(part, data)
        self.kept = keep
        return buffer.getvalue()

    def page_field(self) -> str:
        """ "header" or "footer" when one of the kept headers or footers (default, first page or
        even pages) holds a PAGE field, simple or complex; "" when none does."""
        for part in sorted(self.kept):
            if part not in self.parts or not part.endswith(".xml"):
                continue
            if not any(k in self.content_type(part) or k in part for k in ("header", "footer")):
                continue
            root = self.tree(part)
            if root.tag not in (w("hdr"), w("ftr")):
                continue
            where = "header" if root.tag == w("hdr") else "footer"
            for simple in root.iter(w("fldSimple")):
                if _field_name(simple.get(w("instr"), "")) == "PAGE":
                    return where
            if _complex_page_field(root):
                return where
        return ""

    def describe(self) -> None:
        removed: list[str] = []
        for kind in [*self.removed, *(k for k in self.in_text if k not in self.removed)]:
            what, count = self.removed.get(kind, []), self.in_text[kind]
            if kind == "external links":
                plain = any(x.startswith("hyperlink") for x in what)
                removed.append(
                    f"{_plural(len(what), 'external link')}: {'; '.join(what)}"
                    + (" (hyperlinks become plain text)" if plain else "")
                )
                continue
            where = [f"{count} in the text"] if count else []
            if what:
                where.append(", ".join(what))
            removed.append(f"{kind}: {'; '.join(where)}")
        if self.fields:
            names = ", ".join(
                f"{name} ×{n}" if n > 1 else name for name, n in sorted(self.fields.items())
            )
            removed.append(
                f"{_plural(sum(self.fields.values()), 'field')} that can fetch or run things "
                f"({names}); the text they showed stays as plain text"
            )
        if self.tracked:
            parts = []
            if self.tracked["insertions"]:
                parts.append(f"{_plural(self.tracked['insertions'], 'insertion')} accepted")
            deleted = self.tracked["deletions"] + self.tracked["deleted table rows"]
            if deleted:
                parts.append(f"{_plural(deleted, 'deletion')} dropped")
            if self.tracked["formatting changes"]:
                parts.append(
                    f"{_plural(self.tracked['formatting changes'], 'formatting change')} accepted"
                )
            removed.append("tracked changes: " + ", ".join(parts))
        if self.settings:
            removed.append("from its settings: " + _join(self.settings))
        for item in removed:
            self.notes.append(f"removed {item}")
        if self.sections > 1:
            self.notes.append(
                f"the template has {self.sections} sections: the first one's header, footer "
                "and page setup are used"
            )
        took, left = _counted(self.took, _TOOK), _counted(self.left, _LEFT)
        if took or left or self.placeholders:
            said = (
                f"took {_join(took)} from the top of the template's body"
                if took
                else "found no letterhead drawn at the top of the template's body"
            )
            if self.placeholders:
                shown = ", ".join(_short(p, 30) for p in self.placeholders[:4])
                more = ", ..." if len(self.placeholders) > 4 else ""
                placeholders = f"{_plural(len(self.placeholders), 'placeholder')} ({shown}{more})"
            if left and self.placeholders:
                said += f"; left out {_join(left)} of sample text and {placeholders}"
            elif left:
                said += f"; left out {_join(left)} of sample text"
            elif self.placeholders:
                said += f"; left out {placeholders}"
            self.notes.append(said)


def _counted(counts: Counter[str], words: tuple[tuple[str, str, str], ...]) -> list[str]:
    return [_plural(counts[key], one, many) for key, one, many in words if counts[key]]


_TOOK = (
    ("drawings", "drawing", "drawings"),
    ("text frames", "text frame", "text frames"),
    ("tables", "table", "tables"),
    ("text paragraphs", "paragraph of text", "paragraphs of text"),
)
_LEFT = (
    ("paragraphs", "paragraph", "paragraphs"),
    ("tables", "table", "tables"),
    ("content controls", "content control", "content controls"),
    ("drawings", "drawing", "drawings"),
    ("page breaks", "page break", "page breaks"),
)


def _field_name(instruction: str) -> str:
    words = instruction.replace("\\", " \\").split()
    return words[0].upper() if words else ""


def _complex_page_field(root: Any) -> bool:
    code: list[str] = []
    depth = 0
    for element in root.iter(w("fldChar"), w("instrText")):
        if element.tag == w("instrText"):
            code.append(element.text or "")
            continue
        kind = element.get(w("fldCharType"))
        if kind == "begin":
            depth += 1
            code = []
        elif kind in ("separate", "end"):
            if _field_name("".join(code)) == "PAGE":
                return True
            code = []
    return False


# -- what belongs to the letterhead -------------------------------------------------------

_DRAWING_TAGS = (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent", w("object"))


def _drawings(element: Any) -> list[Any]:
    """The drawings in an element, one per picture (a drawing and its fallback count once)."""
    found = []
    for node in element.iter(*_DRAWING_TAGS):
        if _ancestor(node, _DRAWING_TAGS) is None:
            found.append(node)
    return found


def _own_text(element: Any) -> str:
    """The text of an element outside its drawings and text boxes."""
    parts = []
    for node in element.iter(w("t")):
        if _ancestor(node, _DRAWING_TAGS) is None:
            parts.append(node.text or "")
    return "".join(parts)


def _box_text(drawings: list[Any]) -> str:
    """The text in drawings' text boxes, once (a drawing and its VML fallback hold it twice)."""
    parts = []
    for drawing in drawings:
        fallback = {id(f) for f in drawing.iter(f"{{{MC}}}Fallback")}
        for node in drawing.iter(w("t")):
            if not any(id(a) in fallback for a in node.iterancestors()):
                parts.append(node.text or "")
    return "".join(parts)


def _placeholder(element: Any) -> bool:
    return next(element.iter(w("showingPlcHdr")), None) is not None


def _breaks_page(element: Any) -> bool:
    for br in element.iter(w("br")):
        if br.get(w("type")) == "page" and _ancestor(br, _DRAWING_TAGS) is None:
            return True
    ppr = element.find(w("pPr"))
    if ppr is not None and (ppr.find(w("sectPr")) is not None):
        return True
    if ppr is not None:
        before = ppr.find(w("pageBreakBefore"))
        if before is not None and before.get(w("val"), "true") not in ("0", "false", "off"):
            return True
    return False


def _letterhead_verdict(element: Any) -> str:
    tag = element.tag
    if tag == w("p"):
        if _placeholder(element) or _breaks_page(element):
            return "end"
        drawings = _drawings(element)
        text = _own_text(element).strip()
        ppr = element.find(w("pPr"))
        framed = ppr is not None and ppr.find(w("framePr")) is not None
        if framed and len(text) <= MAX_CELL_CHARS * 3:
            return "take"
        if drawings:
            if len(_box_text(drawings)) > MAX_BOX_CHARS:
                return "end"  # a text box holding a page of sample text is not a letterhead
            anchored = any(
                next(d.iter(f"{{{WP}}}anchor"), None) is not None
                or (d.tag == w("pict") and "position:absolute" in _style_of(d))
                for d in drawings
            )
            if not text:
                return "take"
            if anchored or len(text) > MAX_LINE_CHARS:
                return "take-drawings-and-end"
            return "take"
        return "empty" if not text and next(element.iter(w("fldChar")), None) is None else "end"
    if tag == w("tbl"):
        if _placeholder(element) or _breaks_page(element):
            return "end"
        rows = element.findall(w("tr"))
        cells = [c for r in rows for c in r.findall(w("tc"))]
        if len(rows) > MAX_TABLE_ROWS or len(cells) > MAX_TABLE_CELLS:
            return "end"
        if any(c.find(f".//{w('tbl')}") is not None for c in cells):
            return "end"
        if any(len(_own_text(c)) > MAX_CELL_CHARS for c in cells):
            return "end"
        if not any(_own_text(c).strip() for c in cells) and not _drawings(element):
            return "empty"
        return "take"
    if tag in (w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), w("permStart"), w("permEnd")):
        return "skip"
    return "end"  # a block content control, a custom XML block, anything else


def _style_of(pict: Any) -> str:
    return " ".join(
        (node.get("style") or "").replace(" ", "") for node in pict.iter() if node is not pict
    )


def _keep_only_drawings(paragraph: Any) -> int:
    """Strip a paragraph to its drawings; returns 1 when text was left out, else 0."""
    dropped = 0
    for run in list(paragraph.findall(w("r"))) + list(paragraph.iter(w("hyperlink"))):
        if run.tag == w("hyperlink"):
            if not _drawings(run):
                _remove(run)
                dropped = 1
            continue
        if _drawings(run):
            for child in list(run):
                if child.tag not in (w("rPr"), *_DRAWING_TAGS):
                    run.remove(child)
                    dropped = 1
        elif run.find(w("t")) is not None or run.find(w("tab")) is not None:
            _remove(run)
            dropped = 1
    for other in list(paragraph):
        if other.tag in (w("fldSimple"), w("sdt"), w("smartTag"), w("customXml")):
            paragraph.remove(other)
            dropped = 1
    return dropped


def _count_taken(element: Any, took: Counter[str]) -> None:
    if element.tag == w("tbl"):
        took["tables"] += 1
        return
    ppr = element.find(w("pPr"))
    if ppr is not None and ppr.find(w("framePr")) is not None:
        took["text frames"] += 1
    drawings = _drawings(element)
    took["drawings"] += len(drawings)
    if (
        not drawings
        and _own_text(element).strip()
        and not (ppr is not None and ppr.find(w("framePr")) is not None)
    ):
        took["text paragraphs"] += 1


def _count_content(element: Any, left: Counter[str]) -> None:
    """What of the sample text is left out, counted as a reader would see it."""
    if element.tag == w("tbl"):
        left["tables"] += 1
        left["drawings"] += len(_drawings(element))
        return
    if element.tag == w("sdt"):
        left["content controls"] += 1
        return
    if element.tag != w("p"):
        return
    if _own_text(element).strip():
        left["paragraphs"] += 1
    elif _placeholder(element):
        left["content controls"] += 1
    left["drawings"] += len(_drawings(element))
    for br in element.iter(w("br")):
        if br.get(w("type")) == "page":
            left["page breaks"] += 1
