"""Rich text from Frappe's Text Editor (Quill HTML) as Word paragraphs, runs and tables.

add_html(container, html) appends to a python-docx Document or table cell: <p>, <br>, bold, italic,
underline and strike, <h1>–<h4>, lists (Quill's flat lists with data-list and ql-indent-N, and nested
ones), <blockquote>, <a> (its text), tables (with colspan/rowspan), entities. Inline styles are
ignored; script and style contents are dropped; any other tag keeps its text.

Lists are written as numbered text ("1." / "（1）" / "①", "●") rather than Word numbering: a list then
restarts where the editor restarted it and prints the same in Word, WPS and LibreOffice.
Blank lines typed in the editor (<p><br></p>) are dropped: 公文 separate paragraphs by indentation.
Images are not carried over.
"""

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, Twips

from springoffer.core.documents.blocks import add_text, font_size, shape_table, text_ems

DEFAULT_STYLES = {
	"p": None,  # the document's default paragraph style
	"h1": "Heading 1",
	"h2": "Heading 2",
	"h3": "Heading 3",
	"h4": "Heading 4",
	"blockquote": "Quote",
	"table": "Table Grid",
	"cell": None,
	"th": None,  # None: header cells are set in bold instead
}

DROPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})
VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "col", "wbr", "source", "area", "base", "param", "track", "embed"})
BLOCKS = frozenset(
	{
		*("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "hr"),
		*("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"),
		*("section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption"),
		*("address", "dl", "dt", "dd", "form", "fieldset", "center", "details", "summary"),
	}
)
HEADINGS = {"h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
MARKS = {
	"strong": "bold",
	"b": "bold",
	"em": "italic",
	"i": "italic",
	"u": "underline",
	"ins": "underline",
	"s": "strike",
	"strike": "strike",
	"del": "strike",
	"sub": "subscript",
	"sup": "superscript",
}
ALIGNMENTS = {
	"ql-align-center": WD_ALIGN_PARAGRAPH.CENTER,
	"ql-align-right": WD_ALIGN_PARAGRAPH.RIGHT,
	"ql-align-justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Tags an opening tag closes implicitly when one is open (HTML's optional end tags, loosely).
_CELL = {"td", "th", "p", "li"}
_CLOSES = {"p": {"p"}, "li": {"li", "p"}, "td": _CELL, "th": _CELL, "tr": _CELL | {"tr"}}
_SPACES = re.compile(r"[ \t\n\r\f]+")
_LEADING = " \u3000\xa0"  # a paragraph's typed indent: the style indents already


class _Node:
	__slots__ = ("attrs", "children", "tag")

	def __init__(self, tag, attrs=()):
		self.tag = tag
		self.attrs = {name: value or "" for name, value in attrs}
		self.children = []

	def classes(self):
		return self.attrs.get("class", "").split()


class _Tree(HTMLParser):
	"""The HTML as a tree of _Node and text; forgiving about missing and stray end tags."""

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.root = _Node("#root")
		self.stack = [self.root]
		self.dropping = 0

	def handle_starttag(self, tag, attrs):
		if tag in DROPPED:
			self.dropping += 1
		if self.dropping:
			return
		closes = _CLOSES.get(tag, {"p"} if tag in BLOCKS else ())
		while self.stack[-1].tag in closes:
			self.stack.pop()
		node = _Node(tag, attrs)
		self.stack[-1].children.append(node)
		if tag not in VOID:
			self.stack.append(node)

	def handle_startendtag(self, tag, attrs):
		if tag not in DROPPED and not self.dropping:
			self.stack[-1].children.append(_Node(tag, attrs))

	def handle_endtag(self, tag):
		if tag in DROPPED:
			self.dropping = max(0, self.dropping - 1)
			return
		if self.dropping:
			return
		for index in range(len(self.stack) - 1, 0, -1):
			if self.stack[index].tag == tag:
				del self.stack[index:]
				return

	def handle_data(self, data):
		if not self.dropping:
			self.stack[-1].children.append(data)


@dataclass(frozen=True)
class _Context:
	role: str = "p"  # key of the styles mapping
	marks: frozenset = frozenset()
	align: object = None
	indent: int = 0  # extra left indent, characters
	list_level: int | None = None
	pre: bool = False  # keep spaces and newlines


class _Line:
	"""The paragraph being filled, and whether its text so far ends in a space."""

	def __init__(self, paragraph):
		self.paragraph = paragraph
		self.space = True


def list_marker(kind, level, number):
	"""'1.', '（1）', '①' by nesting level for ordered items; bullets and Quill's check items — all
	characters of GB 2312, so 仿宋_GB2312 has them."""
	if kind == "ordered":
		if level % 3 == 0:
			return f"{number}."
		if level % 3 == 1:
			return f"（{number}）"
		return chr(0x245F + number) if number <= 10 else f"{number})"
	if kind in ("checked", "unchecked"):
		return "☑" if kind == "checked" else "☐"
	return ("●", "○", "■")[level % 3]


def _ql_indent(node):
	for name in node.classes():
		if name.startswith("ql-indent-") and name[10:].isdigit():
			return int(name[10:])
	return 0


def _span(node, name, limit):
	value = node.attrs.get(name, "1")
	return max(1, min(int(value) if value.isdigit() else 1, limit))


class _Writer:
	def __init__(self, styles, available):
		self.styles = styles
		self.available = available
		self.prefix = None  # a list item's marker, for the item's first paragraph

	# Paragraphs
	def blocks(self, nodes, container, ctx):
		self.close(self.flow(nodes, container, ctx, None))

	def flow(self, nodes, container, ctx, line):
		"""Inline content joins `line` (opened when text comes); a block closes it. Returns the open line."""
		for node in nodes:
			if isinstance(node, str):
				line = self.text(node, container, ctx, line)
			elif node.tag == "br":
				line = line or self.open(container, ctx)
				line.paragraph.add_run().add_break()
				line.space = True
			elif node.tag in BLOCKS:
				self.close(line)
				line = None
				self.block(node, container, ctx)
			elif node.tag not in VOID:
				mark = MARKS.get(node.tag)
				inner = replace(ctx, marks=ctx.marks | {mark}) if mark else ctx
				line = self.flow(node.children, container, inner, line)
		return line

	def style_of(self, role):
		name = self.styles.get(role)
		return name if name and (self.available is None or name in self.available) else None

	def open(self, container, ctx):
		paragraph = container.add_paragraph(style=self.style_of(ctx.role))
		pf = paragraph.paragraph_format
		if ctx.align is not None:
			pf.alignment = ctx.align
			if ctx.align != WD_ALIGN_PARAGRAPH.JUSTIFY:
				pf.first_line_indent = Pt(0)
				pf._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
		left = ctx.indent + 2 * (ctx.list_level or 0)
		if left:
			pf.left_indent = Pt(font_size(paragraph).pt * left)
			pf._element.get_or_add_pPr().get_or_add_ind().set(qn("w:leftChars"), str(left * 100))
		line = _Line(paragraph)
		if self.prefix:
			add_text(paragraph, self.prefix)
			self.prefix = None
		return line

	def text(self, data, container, ctx, line):
		if not ctx.pre:
			data = _SPACES.sub(" ", data)
		if line is None:
			data = data.lstrip(_LEADING)
		elif line.space:
			data = data.lstrip(" ")
		if not data:
			return line
		line = line or self.open(container, ctx)
		for index, part in enumerate(data.split("\n")):
			if index:
				line.paragraph.add_run().add_break()
			if part:
				run = add_text(line.paragraph, part)
				for mark in ctx.marks:
					if mark in ("subscript", "superscript", "strike"):
						setattr(run.font, mark, True)
					else:
						setattr(run, mark, True)
		line.space = data.endswith((" ", "\n"))
		return line

	def close(self, line):
		"""Drop a trailing line break and trailing spaces; drop the paragraph if nothing is left."""
		if line is None:
			return
		paragraph = line.paragraph
		runs = paragraph.runs
		while runs and all(child.tag in (qn("w:br"), qn("w:rPr")) for child in runs[-1]._r):
			run = runs.pop()
			run._r.getparent().remove(run._r)
		if runs and runs[-1].text.endswith(" "):
			runs[-1].text = runs[-1].text.rstrip(" ")
		if not paragraph.text.strip():
			paragraph._p.getparent().remove(paragraph._p)

	# Blocks
	def block(self, node, container, ctx):
		tag = node.tag
		ctx = replace(ctx, indent=ctx.indent + 2 * _ql_indent(node)) if tag not in ("li", "ul", "ol") else ctx
		for name in node.classes():
			if name in ALIGNMENTS:
				ctx = replace(ctx, align=ALIGNMENTS[name])
		if tag in HEADINGS:
			self.blocks(node.children, container, replace(ctx, role=HEADINGS[tag]))
		elif tag == "blockquote":
			self.blocks(node.children, container, replace(ctx, role="blockquote"))
		elif tag in ("ul", "ol"):
			self.list(node, container, ctx)
		elif tag == "li":
			self.item(node, container, ctx, "bullet", 0, 1)
		elif tag == "table":
			self.table(node, container, ctx)
		elif tag == "pre":
			self.blocks(node.children, container, replace(ctx, pre=True))
		elif tag != "hr":
			self.blocks(node.children, container, ctx)

	def list(self, node, container, ctx):
		base = 0 if ctx.list_level is None else ctx.list_level + 1
		counters = {}
		for child in node.children:
			if isinstance(child, str):
				if child.strip():
					self.blocks([child], container, ctx)
				continue
			if child.tag in ("ul", "ol"):  # a list straight inside a list: one level deeper
				self.list(child, container, replace(ctx, list_level=base))
				continue
			if child.tag != "li":
				self.block(child, container, ctx)
				continue
			level = base + _ql_indent(child)
			for deeper in [known for known in counters if known > level]:
				del counters[deeper]
			kind = child.attrs.get("data-list") or ("ordered" if node.tag == "ol" else "bullet")
			previous_kind, number = counters.get(level, (kind, 0))
			counters[level] = (kind, number + 1 if previous_kind == kind else 1)  # a bullet between restarts
			self.item(child, container, ctx, kind, level, counters[level][1])

	def item(self, node, container, ctx, kind, level, number):
		for name in node.classes():
			if name in ALIGNMENTS:
				ctx = replace(ctx, align=ALIGNMENTS[name])
		self.prefix = list_marker(kind, level, number)
		self.blocks(node.children, container, replace(ctx, list_level=level))
		self.prefix = None

	# Tables
	def table(self, node, container, ctx):
		rows = []
		for child in node.children:
			if isinstance(child, str):
				continue
			if child.tag == "caption":
				self.blocks(child.children, container, replace(ctx, align=WD_ALIGN_PARAGRAPH.CENTER))
			group = child.children if child.tag in ("thead", "tbody", "tfoot") else [child]
			rows += [row for row in group if not isinstance(row, str) and row.tag == "tr"]
		rows = [[cell for cell in row.children if not isinstance(cell, str) and cell.tag in ("td", "th")] for row in rows]
		rows = [row for row in rows if row]
		if not rows:
			return
		placed, taken = [], set()
		for r, row in enumerate(rows):
			c = 0
			for cell in row:
				while (r, c) in taken:
					c += 1
				colspan, rowspan = _span(cell, "colspan", 50), _span(cell, "rowspan", len(rows) - r)
				taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
				placed.append((r, c, rowspan, colspan, cell))
				c += colspan
		columns = max(c for _, c in taken) + 1
		table = container.add_table(len(rows), columns)
		cells = []
		for r, c, rowspan, colspan, node_ in placed:
			cell = table.cell(r, c)
			if rowspan > 1 or colspan > 1:
				cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
			cells.append((cell, node_))
		width = _width(container)
		widths = _column_widths(placed, columns, width) if width else None
		if widths:
			shape_table(table, widths, style=self.style_of("table"))
		elif self.style_of("table"):
			table.style = self.style_of("table")
		for cell, node_ in cells:
			self.cell(cell, node_)

	def cell(self, cell, node):
		is_header = node.tag == "th"
		role = "th" if is_header and self.styles.get("th") else "cell"
		ctx = _Context(role=role, marks=frozenset({"bold"}) if is_header and role == "cell" else frozenset())
		first = cell.paragraphs[0]
		first.style = self.style_of(role)
		self.blocks(node.children, cell, ctx)
		if len(cell.paragraphs) > 1 and not first.runs:
			first._p.getparent().remove(first._p)


def _text(node):
	if isinstance(node, str):
		return node.strip()
	return "".join(_text(child) for child in node.children)


def _column_widths(placed, columns, width, size=12):
	"""Share `width` among columns the way a browser would, roughly: a column whose text fits in an
	equal share gets what it needs, the others split the rest by their text's length."""
	margins = 216 + 40  # the cell's left and right margins, and a little air, in twips
	need = [margins + 20 * size * 2] * columns  # at least two characters
	for _, c, _, colspan, node in placed:
		if colspan == 1:
			need[c] = max(need[c], margins + 20 * size * text_ems(_text(node)))
	total = width.twips
	if sum(need) <= total:
		return [Twips(int(total * n / sum(need))) for n in need]
	fixed = {}
	while True:
		flexible = [c for c in range(columns) if c not in fixed]
		share = (total - sum(fixed.values())) / len(flexible)
		settled = [c for c in flexible if need[c] <= share]
		if not settled or len(settled) == len(flexible):
			break
		fixed.update((c, need[c]) for c in settled)
	rest = total - sum(fixed.values())
	flexible_need = sum(need[c] for c in flexible)
	return [Twips(int(fixed[c] if c in fixed else rest * need[c] / flexible_need)) for c in range(columns)]


def _width(container):
	"""The width a table may take: the text block of the last section, or a cell less its margins."""
	if hasattr(container, "sections"):
		section = container.sections[-1]
		return Emu(section.page_width - section.left_margin - section.right_margin)
	width = getattr(container, "width", None)
	return Twips(width.twips - 216) if width else None


def _paragraph_styles(container):
	try:
		return {style.name for style in container.part.styles}
	except AttributeError:
		return None


def _children(container):
	element = container.element.body if hasattr(container, "sections") else container._element
	return len(element)


def add_html(document_or_container, html, styles=None):
	"""Append the rich text `html` to a Document or a table cell; returns how many paragraphs and
	tables it added (0 for None, '' or an editor's empty <p><br></p>). `styles` maps 'p', 'h1'–'h4',
	'blockquote', 'table', 'cell' and 'th' to style names (see DEFAULT_STYLES); missing styles are skipped."""
	if not html or not html.strip():
		return 0
	tree = _Tree()
	tree.feed(html)
	tree.close()
	container = document_or_container
	before = _children(container)
	writer = _Writer({**DEFAULT_STYLES, **(styles or {})}, _paragraph_styles(container))
	writer.blocks(tree.root.children, container, _Context())
	return _children(container) - before
