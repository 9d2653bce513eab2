"""The look of the Word documents: 党政机关公文格式 (GB/T 9704) in spirit.

A4 with the standard margins; title in 方正小标宋简体 二号; 一、 headings in 黑体 三号, （一） in 楷体 三号;
body in 仿宋_GB2312 三号, first line indented two characters, exactly 28 pt a line; tables in 仿宋 小四;
“— 1 —” page numbers centred in the footer.

Every style and every run the writers make names its East Asian font (w:rFonts/@w:eastAsia): without
it Word and WPS set Chinese in their default font whatever the Latin font says. The Latin font is the
same Chinese font, so digits and the “” quotes match the text around them. Where a font is missing
(方正小标宋简体 is not on every desk) Word and WPS substitute; the names are the ones offices expect.
"""

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import (
	WD_ALIGN_PARAGRAPH,
	WD_LINE_SPACING,
	WD_TAB_ALIGNMENT,
	WD_TAB_LEADER,
)
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from springoffer.core.documents.fields import add_field

TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
FANGSONG = "仿宋_GB2312"
TABLE_FONT = "仿宋"
SONG = "宋体"

SIZE_XIAOCHU = Pt(36)  # 小初
SIZE_ER = Pt(22)  # 二号
SIZE_SAN = Pt(16)  # 三号
SIZE_SI = Pt(14)  # 四号
SIZE_XIAOSI = Pt(12)  # 小四
LINE = Pt(28)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Mm(210 - 28 - 26)  # 156 mm

BODY = "Normal"
TITLE = "Title"
SUBTITLE = "Subtitle"  # the 楷体 line under a title
HEADING_1 = "Heading 1"  # 一、
HEADING_2 = "Heading 2"  # （一）
HEADING_3 = "Heading 3"  # 仿宋 bold: 基本情况, and the headings inside rich text
HEADING_4 = "Heading 4"
QUOTE = "Quote"
NOTE = "说明行"  # 楷体 line under a heading: 地区、主题…
TABLE_TEXT = "表格文字"
TABLE_HEADER = "表格表头"
COVER = "封面"
TOC_1 = "toc 1"
TOC_2 = "toc 2"
TABLE_STYLE = "Table Grid"

# What add_html uses in these documents: headings written in the editor stay below the document's
# own 一、/（一） levels, so a case's story never reaches the 汇编's table of contents.
HTML_STYLES = {
	"p": BODY,
	"h1": HEADING_3,
	"h2": HEADING_3,
	"h3": HEADING_4,
	"h4": HEADING_4,
	"blockquote": QUOTE,
	"table": TABLE_STYLE,
	"cell": TABLE_TEXT,
	"th": TABLE_HEADER,
}

JUSTIFY, CENTER, LEFT = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT


def set_fonts(rpr, font):
	"""Name `font` for every script on a w:rPr, dropping theme fonts (they would win over it)."""
	rfonts = rpr.get_or_add_rFonts()
	for attribute in list(rfonts.attrib):
		del rfonts.attrib[attribute]
	for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
		rfonts.set(qn(script), font)


def set_chars_indent(paragraph_format, size, first=0, left=0):
	"""Indents in characters (w:firstLineChars, w:leftChars), with twips for readers that ignore them;
	zero is written too, or a style would inherit the body's two-character indent."""
	paragraph_format.first_line_indent = Pt(size.pt * first)
	paragraph_format.left_indent = Pt(size.pt * left)
	ind = paragraph_format._element.get_or_add_pPr().get_or_add_ind()
	ind.set(qn("w:firstLineChars"), str(int(first * 100)))
	ind.set(qn("w:leftChars"), str(int(left * 100)))


def _style(document, name, *, font, size, style_id=None, base=BODY, bold=False, align=JUSTIFY, indent=2, line=LINE, before=0, after=0, outline=None):
	"""Define (or wipe and redefine) a paragraph style; built-in ones keep their name and identity."""
	styles = document.styles
	try:
		style = styles[name]
	except KeyError:
		style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
		style.style_id = style_id or name.replace(" ", "")
		style.quick_style = True
	element = style.element
	for old in element.findall(qn("w:pPr")) + element.findall(qn("w:rPr")):
		element.remove(old)
	style.base_style = styles[base] if base and name != base else None
	set_fonts(element.get_or_add_rPr(), font)
	style.font.size = size
	style.font.bold = bold
	style.font.italic = False
	pf = style.paragraph_format
	pf.alignment = align
	set_chars_indent(pf, size, first=indent)
	if line is None:
		pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
	else:
		pf.line_spacing = line
		pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
	pf.space_before, pf.space_after = Pt(before), Pt(after)
	if outline is not None:
		pf.keep_with_next = True
		level = OxmlElement("w:outlineLvl")
		level.set(qn("w:val"), str(outline))
		ppr = element.get_or_add_pPr()
		ppr.insert_element_before(level, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
	return style


def _define_styles(document):
	_style(document, BODY, font=FANGSONG, size=SIZE_SAN, base=None)
	_style(document, TITLE, font=TITLE_FONT, size=SIZE_ER, align=CENTER, indent=0, line=Pt(36), after=28)
	_style(document, SUBTITLE, font=KAI, size=SIZE_SAN, align=CENTER, indent=0, after=14)
	_style(document, HEADING_1, font=HEI, size=SIZE_SAN, outline=0)
	_style(document, HEADING_2, font=KAI, size=SIZE_SAN, outline=1)
	_style(document, HEADING_3, font=FANGSONG, size=SIZE_SAN, bold=True, outline=2)
	_style(document, HEADING_4, font=FANGSONG, size=SIZE_SAN, outline=3)
	quote = _style(document, QUOTE, font=KAI, size=SIZE_SAN)
	set_chars_indent(quote.paragraph_format, SIZE_SAN, first=2, left=2)
	_style(document, NOTE, font=KAI, size=SIZE_SAN, style_id="Note")
	_style(document, TABLE_TEXT, font=TABLE_FONT, size=SIZE_XIAOSI, style_id="TableText", align=LEFT, indent=0, line=None, before=2, after=2)
	_style(document, TABLE_HEADER, font=HEI, size=SIZE_XIAOSI, style_id="TableHeader", align=CENTER, indent=0, line=None, before=2, after=2)
	_style(document, COVER, font=FANGSONG, size=SIZE_SAN, style_id="Cover", align=CENTER, indent=0, line=None)
	_style(document, "Footer", font=SONG, size=SIZE_SI, align=CENTER, indent=0, line=None)
	for name, font, indent in ((TOC_1, HEI, 0), (TOC_2, FANGSONG, 2)):
		toc = _style(document, name, font=font, size=SIZE_SAN, style_id=name.upper().replace(" ", ""), align=LEFT, indent=0)
		set_chars_indent(toc.paragraph_format, SIZE_SAN, left=indent)
		toc.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
	_style(document, "TOC Heading", font=TITLE_FONT, size=SIZE_ER, base=TITLE, align=CENTER, indent=0, outline=9)


def _document_defaults(document):
	"""Chinese as the East Asian language and font of the whole document, no theme fonts."""
	rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
	set_fonts(rpr, FANGSONG)
	lang = rpr.find(qn("w:lang"))
	if lang is None:
		lang = OxmlElement("w:lang")
		rpr.append(lang)
	lang.set(qn("w:val"), "en-US")
	lang.set(qn("w:eastAsia"), "zh-CN")


def page_setup(section):
	section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
	section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
	section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
	section.header_distance, section.footer_distance = Mm(15), Mm(24)


def page_number_footer(section):
	"""“— 1 —”: the PAGE field between two em dashes, centred (宋体 四号 via the Footer style)."""
	paragraph = section.footer.paragraphs[0]
	paragraph.style = "Footer"
	paragraph.add_run("— ")
	add_field(paragraph, "PAGE", "1")
	paragraph.add_run(" —")
	for run in paragraph.runs:
		set_fonts(run._r.get_or_add_rPr(), SONG)


def new_document():
	"""An empty A4 document with the styles above and page numbers in the footer."""
	document = Document()
	_document_defaults(document)
	_define_styles(document)
	section = document.sections[0]
	page_setup(section)
	page_number_footer(section)
	properties = document.core_properties
	properties.author = properties.last_modified_by = ""
	properties.comments = ""
	return document
