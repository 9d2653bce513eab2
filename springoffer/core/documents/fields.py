"""Word fields (PAGE, TOC) written as w:fldChar begin / w:instrText / separate / cached result / end,
and the document setting that asks Word and WPS to refresh them when the file is opened."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# CT_Settings' children that come after w:updateFields (ECMA-376 order; Word rejects a misplaced one).
_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")


def _field_char(paragraph, kind):
	run = paragraph.add_run()
	char = OxmlElement("w:fldChar")
	char.set(qn("w:fldCharType"), kind)
	run._r.append(char)
	return run


def begin_field(paragraph, instruction):
	"""Open a field in `paragraph`; what follows, up to end_field (possibly paragraphs later), is its
	cached result, shown until the field is updated."""
	_field_char(paragraph, "begin")
	run = paragraph.add_run()
	text = OxmlElement("w:instrText")
	text.set(qn("xml:space"), "preserve")
	text.text = f" {instruction} "
	run._r.append(text)
	_field_char(paragraph, "separate")


def end_field(paragraph):
	_field_char(paragraph, "end")


def add_field(paragraph, instruction, cached):
	"""A one-run field such as PAGE, with `cached` as its result."""
	begin_field(paragraph, instruction)
	paragraph.add_run(cached)
	end_field(paragraph)


def update_fields_on_open(document):
	"""w:updateFields in settings.xml: Word (and WPS) offer to update the fields — page numbers in the
	table of contents — when the document is opened."""
	settings = document.settings.element
	flag = settings.find(qn("w:updateFields"))
	if flag is None:
		flag = OxmlElement("w:updateFields")
		settings.insert_element_before(flag, *_AFTER_UPDATE_FIELDS)
	flag.set(qn("w:val"), "true")
