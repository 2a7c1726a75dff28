"""The ITU look of a Word document: the reference styles, the page, the settings and the package
parts, as ITU's own templates set them.

The styles carry ITU's names and metrics (Times New Roman 12 pt, single line spacing, 6 pt
before a paragraph and none after; ResNo in capitals, Restitle bold, Call italic at 1.4 cm,
enumlev1/2/3 hanging at 1.4/2.1/2.8 cm, Proposal and Reasons with their tab, Word's built-in
"footnote text"/"footnote reference", "header"/"footer" and "toc 1"). They are written here as
XML, not inherited from python-docx's template, whose defaults (1.15 lines, 10 pt after, Calibri,
en-US) are not ITU's. An editor's own template (`--reference-docx`, pandoc's convention) keeps its
styles: only the ITU styles it lacks are added.

Times New Roman is named, as ITU documents name it; where it is not installed LibreOffice uses
a metric-compatible face (Liberation Serif, Debian's fonts-liberation2), so lines and pages break
where they would in Word.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips

FONT = "Times New Roman"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# ITU's tab grid (twips): 1.4, 2.1, 2.8, 3.5 cm.
TABS = (794, 1191, 1588, 1985)

# A4, ITU margins: 2 cm left and right, 2.5 cm top and bottom, header and footer 1.25 cm from the edge.
PAGE = {"width": 11907, "height": 16840, "top": 1418, "bottom": 1418, "left": 1134, "right": 1134,
        "header": 709, "footer": 709}

# The margin symbol's frame (twips): 1.2 cm wide, 0.7 cm from the paper's edge (inside any
# printer's printable area), ending before the 2 cm text column; `y` puts it level with the
# resolution number it stands beside (ResNo has 24 pt before it).
MARGIN_FRAME = {"w": 680, "x": 397, "y": 480}


def _style(sid: str, name: str, ppr: str = "", rpr: str = "", based: str | None = "Normal", kind: str = "paragraph",
           nxt: str | None = None) -> str:
    parts = [f'<w:style w:type="{kind}" w:customStyle="{0 if sid in BUILTIN else 1}" w:styleId="{sid}">',
             f'<w:name w:val="{name}"/>']
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{nxt}"/>')
    parts.append('<w:qFormat/>')
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def _tabs(*pos: int) -> str:
    return "<w:tabs>" + "".join(f'<w:tab w:val="left" w:pos="{p}"/>' for p in pos) + "</w:tabs>"


def _sp(before: int = 0, after: int = 0) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'


KEEP = "<w:keepNext/><w:keepLines/>"
CENTER = '<w:jc w:val="center"/>'

# Word's own styles, by id: written with Word's names so Word treats them as its built-in ones.
BUILTIN = {"Normal", "Heading1", "FootnoteText", "FootnoteReference", "Header", "Footer", "TOC1",
           "DefaultParagraphFont"}


def itu_styles(lang: str) -> list[str]:
    """The w:style elements of the ITU reference, as XML strings."""
    return [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{_tabs(*TABS)}{_sp(120)}</w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        f'<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{lang}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        '</w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        _style("Heading1", "heading 1", KEEP + "<w:pageBreakBefore/>" + _sp(480) + '<w:outlineLvl w:val="0"/>',
               '<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>', nxt="Normal"),
        # ResNo and Restitle: ITU's RecNo/Rectitle metrics, the number in capitals.
        _style("ResNo", "ResNo", KEEP + _sp(480) + CENTER + '<w:outlineLvl w:val="1"/>',
               '<w:caps/><w:sz w:val="28"/><w:szCs w:val="28"/>', nxt="Restitle"),
        _style("Restitle", "Restitle", KEEP + _sp(240) + CENTER, '<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>',
               nxt="Resref"),
        _style("Resref", "Resref", KEEP + _sp(120) + CENTER, "<w:i/>", nxt="Normalaftertitle"),
        _style("Normalaftertitle", "Normal after title", _sp(320)),
        _style("Call", "Call", KEEP + _sp(160) + '<w:ind w:left="794"/>', "<w:i/>"),
        _style("enumlev1", "enumlev1", _sp(80) + '<w:ind w:left="794" w:hanging="794"/>'),
        _style("enumlev2", "enumlev2", _sp(80) + '<w:ind w:left="1191" w:hanging="397"/>', based="enumlev1"),
        _style("enumlev3", "enumlev3", _sp(80) + '<w:ind w:left="1588" w:hanging="397"/>', based="enumlev2"),
        _style("AnnexNo", "Annex_No", KEEP + _sp(480) + CENTER, '<w:caps/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
        _style("Annextitle", "Annex_title", KEEP + _sp(240) + CENTER, '<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
        _style("Annexheading", "Annex heading", KEEP + _sp(160) + '<w:ind w:left="794" w:hanging="794"/>', "<w:b/>"),
        _style("Headingb", "Heading_b", KEEP + _sp(160), "<w:b/>"),
        _style("Summary", "Summary", _sp(120)),
        _style("Proposal", "Proposal", KEEP + _tabs(1134) + _sp(360), "<w:b/>"),
        _style("Reasons", "Reasons", _tabs(1588) + _sp(240)),
        _style("Conference", "Conference", _sp(0), "<w:b/>"),
        _style("Docnumber", "Docnumber", _sp(0) + '<w:jc w:val="right"/>', "<w:b/>"),
        _style("Source", "Source", KEEP + _sp(720) + CENTER, '<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
        _style("Title1", "Title 1", KEEP + _sp(240) + CENTER, '<w:caps/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
        _style("Placeholder", "Placeholder", _sp(120), '<w:color w:val="C00000"/>'),
        _style("MarginSymbol", "MarginSymbol", _sp(0), '<w:b/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
        _style("Endline", "Endline", _sp(720) + CENTER),
        _style("TOCHeading", "TOC Heading", KEEP + '<w:pageBreakBefore/>' + _sp(0) + CENTER,
               '<w:b/><w:caps/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
        _style("TOC1", "toc 1", '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9639"/></w:tabs>' + _sp(80)
               + '<w:ind w:left="1588" w:right="567" w:hanging="1588"/>'),
        _style("FootnoteText", "footnote text", '<w:keepLines/>' + _tabs(255) + _sp(120)
               + '<w:ind w:left="255" w:hanging="255"/>', '<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        _style("FootnoteReference", "footnote reference", "", '<w:position w:val="6"/><w:sz w:val="18"/>'
               '<w:szCs w:val="18"/><w:vertAlign w:val="superscript"/>', based="DefaultParagraphFont",
               kind="character"),
        _style("Header", "header", CENTER + _sp(0), '<w:sz w:val="18"/><w:szCs w:val="18"/>'),
        _style("Footer", "footer", _tabs(5670, 9639) + _sp(0), '<w:caps/><w:noProof/><w:sz w:val="16"/>'
               '<w:szCs w:val="16"/>'),
    ]


# The faces for the scripts Times New Roman lacks, by language (Debian: fonts-noto-core, fonts-noto-cjk).
SCRIPT_FONT = {"ar": "Noto Naskh Arabic", "zh": "Noto Serif CJK SC"}


def _script(lang: str) -> tuple[str, str, str, str]:
    """(complex-script font, East Asian font, paragraph direction, run direction) for a language."""
    code = lang.split("-")[0]
    cs = SCRIPT_FONT["ar"] if code == "ar" else FONT
    east = SCRIPT_FONT["zh"] if code == "zh" else FONT
    rtl = code == "ar"
    return cs, east, "<w:bidi/>" if rtl else "", "<w:rtl/>" if rtl else ""


def styles_xml(lang: str) -> str:
    """The whole styles part of the ITU reference: Arabic set right to left, in a face with Arabic
    letters; Chinese in a face with its characters."""
    cs, east, bidi, rtl = _script(lang)
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{cs}" '
                f'w:eastAsia="{east}"/>{rtl}<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{lang}" '
                'w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
                f'{bidi}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>')
    styles = "".join(itu_styles(lang))
    if cs != FONT or east != FONT:
        styles = styles.replace(f'w:cs="{FONT}" w:eastAsia="{FONT}"', f'w:cs="{cs}" w:eastAsia="{east}"')
    if bidi:
        styles = styles.replace('<w:pPr>', f'<w:pPr>{bidi}').replace('<w:rPr>', f'<w:rPr>{rtl}')
    return f'<w:styles xmlns:w="{W_NS}">{defaults}{styles}</w:styles>'


def apply_styles(document, lang: str, own: bool) -> None:
    """ITU styles into the document: the whole reference, or (`own`: an editor's template) only the
    styles the template lacks."""
    part = document.part._styles_part
    if not own:
        part._element = parse_xml(styles_xml(lang))
        return
    root = part.element
    have = {s.get(qn("w:styleId")) for s in root.iter(qn("w:style"))}
    for xml in itu_styles(lang):
        el = parse_xml(xml.replace("<w:style ", f'<w:style xmlns:w="{W_NS}" ', 1))
        if el.get(qn("w:styleId")) not in have:
            root.append(el)


def page_setup(section) -> None:
    """A4 with ITU's margins."""
    section.page_width, section.page_height = Twips(PAGE["width"]), Twips(PAGE["height"])
    section.top_margin, section.bottom_margin = Twips(PAGE["top"]), Twips(PAGE["bottom"])
    section.left_margin, section.right_margin = Twips(PAGE["left"]), Twips(PAGE["right"])
    section.header_distance, section.footer_distance = Twips(PAGE["header"]), Twips(PAGE["footer"])


# Relationships of python-docx's template that are not part of an ITU document.
_DROP = (RT.THUMBNAIL, RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


def strip_template_parts(document) -> None:
    """Drop the template's thumbnail, bibliography item and Word 2010 style copy."""
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROP]:
            del rels[rid]


APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Template>ITU</Template><Application>finalacts</Application><DocSecurity>0</DocSecurity>'
           '<ScaleCrop>false</ScaleCrop><Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>'
           '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>')
