"""The 案例汇编: a campaign's approved typical cases, grouped by topic or region, ready for the
province to edit and print — a title page, a table of contents and the cases.

The contents is a real TOC field over Heading 1 (groups) and Heading 2 (cases); its cached result is
the list of headings without page numbers, and the document asks Word and WPS to update fields on
open, which fills them in. The title page is a section of its own (no page number), the contents
another (page I, II…), so the cases start at page 1. Each group, and each case, starts a new page.
"""

from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from springoffer.core.documents import styles as s
from springoffer.core.documents.blocks import add_paragraph, add_text
from springoffer.core.documents.fields import (
	begin_field,
	end_field,
	update_fields_on_open,
)
from springoffer.core.documents.report import add_case_text, save
from springoffer.core.documents.text import labelled, month, ordinal

COMPILATION_TITLE = "集体协商典型案例汇编"
CONTENTS_TITLE = "目  录"
NO_CASES = "（本活动尚无审核通过的典型案例）"
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'

# w:sectPr's children after w:pgNumType, in schema order.
_AFTER_PAGE_NUMBERING = (
	*("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
	*("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
)


def numbered(groups):
	"""[(group heading, [(case heading, case)])]: groups 一、二、…, cases 1. 2. … through the whole book."""
	result, number = [], 0
	for index, (name, cases) in enumerate(groups, start=1):
		entries = []
		for case in cases:
			number += 1
			entries.append((f"{number}.{case.title}", case))
		result.append((ordinal(index) + name, entries))
	return result


def _title_page(document, compilation):
	lines = (
		(compilation.campaign, s.KAI, s.SIZE_ER, 140),
		(COMPILATION_TITLE, s.TITLE_FONT, s.SIZE_XIAOCHU, 30),
		(compilation.compiled_by, s.KAI, s.SIZE_SAN, 200),
		(month(compilation.compiled_on), s.KAI, s.SIZE_SAN, 12),
	)  # the space above stands in for vertical centring, which LibreOffice does not honour
	for text, font, size, before in lines:
		paragraph = add_paragraph(document, text, s.COVER, font=font, size=size)
		paragraph.paragraph_format.space_before = Pt(before)


def _contents(document, book):
	add_paragraph(document, CONTENTS_TITLE, "TOC Heading")
	entries = []
	for group, cases in book:
		entries.append((s.TOC_1, group))
		entries += [(s.TOC_2, heading) for heading, _ in cases]
	paragraphs = [add_paragraph(document, style=style) for style, _ in entries]
	begin_field(paragraphs[0], TOC_INSTRUCTION)
	for paragraph, (_, text) in zip(paragraphs, entries):
		add_text(paragraph, text)
	end_field(paragraphs[-1])


def _cases(document, book):
	for index, (group, cases) in enumerate(book):
		heading = add_paragraph(document, group, s.HEADING_1)
		if index:
			heading.paragraph_format.page_break_before = True
		for number, (title, case) in enumerate(cases):
			heading = add_paragraph(document, title, s.HEADING_2)
			_article_title(heading, new_page=number > 0)
			line = labelled((("地区", case.region), ("报送部门", case.reporting_body), ("涉及企业", "、".join(case.enterprises))))
			if line:
				add_paragraph(document, line, s.NOTE)
			add_case_text(document, case)


def _article_title(paragraph, new_page):
	"""A case's heading, centred like an article's title, a little apart from the text."""
	pf = paragraph.paragraph_format
	pf.alignment = s.CENTER
	s.set_chars_indent(pf, s.SIZE_SAN)
	pf.space_before, pf.space_after = Pt(14), Pt(14)
	if new_page:
		pf.page_break_before = True


def _number_from_one(section, fmt):
	"""w:pgNumType: this section's pages are numbered afresh from 1, as `fmt` (decimal, upperRoman)."""
	numbering = OxmlElement("w:pgNumType")
	numbering.set(qn("w:fmt"), fmt)
	numbering.set(qn("w:start"), "1")
	section._sectPr.insert_element_before(numbering, *_AFTER_PAGE_NUMBERING)


def _number_pages(sections):
	"""Title page: no number. Contents (if any): I, II…. Cases: from 1."""
	title, *rest = sections
	title.different_first_page_header_footer = True
	formats = ("upperRoman", "decimal")[-len(rest) :]
	for section, fmt in zip(rest, formats):
		_number_from_one(section, fmt)


def write_case_compilation_docx(compilation, order=()):
	"""The 汇编 as .docx bytes; groups come from compilation.groups(order)."""
	document = s.new_document()
	document.core_properties.title = f"{compilation.campaign}{COMPILATION_TITLE}"
	document.core_properties.author = compilation.compiled_by
	book = numbered(compilation.groups(order))
	_title_page(document, compilation)
	document.add_section(WD_SECTION.NEW_PAGE)
	if book:
		_contents(document, book)
		document.add_section(WD_SECTION.NEW_PAGE)
		_cases(document, book)
		update_fields_on_open(document)
	else:
		add_paragraph(document, NO_CASES)
	_number_pages(document.sections)
	return save(document)
