"""Small writers shared by the documents: text runs that carry their East Asian font, paragraphs,
and tables sized to the text block."""

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from springoffer.core.documents import styles as s


def style_value(style, read):
	"""The first value `read(style)` gives along the style's basedOn chain, else None."""
	while style is not None:
		value = read(style)
		if value is not None:
			return value
		style = style.base_style
	return None


def _east_asia(style):
	rpr = style.element.rPr
	fonts = rpr.rFonts if rpr is not None else None
	return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def text_ems(text):
	"""Width of `text` in ems: CJK and full-width characters one, others about half."""
	return sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)


def fitting_size(text, sizes, width=s.TEXT_WIDTH):
	"""The first of `sizes` at which `text` fits on one line of `width`, else the last."""
	for size in sizes:
		if text_ems(text) * size.pt <= width.pt:
			return size
	return sizes[-1]


def font_size(paragraph, default=s.SIZE_SAN):
	return style_value(paragraph.style, lambda style: style.font.size) or default


def add_text(paragraph, text, *, font=None, size=None, bold=None):
	"""A run of `text` (inserted as text, never markup) naming its East Asian font: `font` if given
	(then for every script), else the paragraph style's."""
	run = paragraph.add_run(text)
	rpr = run._r.get_or_add_rPr()
	if font:
		s.set_fonts(rpr, font)
	else:
		east_asia = style_value(paragraph.style, _east_asia)
		if east_asia:
			rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
	if size is not None:
		run.font.size = size
	if bold is not None:
		run.bold = bold
	return run


def add_paragraph(container, text="", style=s.BODY, **run):
	paragraph = container.add_paragraph(style=style)
	if text:
		add_text(paragraph, text, **run)
	return paragraph


def shape_table(table, widths, style=s.TABLE_STYLE):
	"""Fixed column widths (w:gridCol and every cell's w:tcW, so Word, WPS and LibreOffice agree),
	the table as wide as their sum, centred; cells centred vertically."""
	if style is not None:
		table.style = style
	table.autofit = False
	table.alignment = WD_TABLE_ALIGNMENT.CENTER
	total = sum(int(width) for width in widths)
	tbl_width = table._tbl.tblPr.find(qn("w:tblW"))
	if tbl_width is not None:
		tbl_width.set(qn("w:type"), "dxa")
		tbl_width.set(qn("w:w"), str(total * 1440 // 914400))
	for column, width in zip(table.columns, widths):
		column.width = width
	for row in table.rows:
		index = 0
		for tc in row._tr.tc_lst:
			span = tc.grid_span
			tc.width = sum(int(width) for width in widths[index : index + span])
			index += span
	for row in table.rows:
		for cell in row.cells:
			cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_text_table(container, rows, widths, header=None, label_column=False):
	"""A table of plain texts: an optional header row (黑体, centred) and `rows`; with label_column the
	first column is set as labels too (a key–value table)."""
	all_rows = ([header] if header else []) + [list(row) for row in rows]
	table = container.add_table(len(all_rows), len(widths))
	shape_table(table, widths)
	for r, values in enumerate(all_rows):
		for c, value in enumerate(values):
			cell = table.cell(r, c)
			is_label = (header and r == 0) or (label_column and c == 0)
			paragraph = cell.paragraphs[0]
			paragraph.style = s.TABLE_HEADER if is_label else s.TABLE_TEXT
			add_text(paragraph, "" if value is None else str(value))
	if header:
		_repeat_as_header(table.rows[0])
	return table


def _repeat_as_header(row):
	"""The header row repeats on every page the table runs onto."""
	row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def spacer(container, points=6):
	"""A thin empty paragraph, so a table does not touch the text after it."""
	paragraph = container.add_paragraph(style=s.TABLE_TEXT)
	paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
	paragraph.paragraph_format.line_spacing = Pt(points)
	return paragraph
