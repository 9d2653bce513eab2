"""The Word writers, read back with python-docx (and the raw XML where python-docx has no reader)."""

import zipfile
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from springoffer.core import categories as c
from springoffer.core.counting import Figures
from springoffer.core.documents import (
	add_html,
	package_zip,
	write_case_compilation_docx,
	write_report_package_docx,
)
from springoffer.core.documents import styles as s
from springoffer.core.documents.text import ordinal
from springoffer.core.package import (
	GROUP_BY_REGION,
	CaseCompilation,
	DemonstrationSite,
	ReportPackage,
	SiteActivity,
	TypicalCase,
)

SUMMARY = (
	'<div class="ql-editor read-mode">'
	"<p>今年以来，我市坚持<strong>应签尽签</strong>，做到<em>应谈尽谈</em>；A&amp;B&nbsp;&lt;c&gt;。</p>"
	"<p><br></p>"
	'<ol><li>第一项</li><li class="ql-indent-1">子项</li><li>第二项</li><li data-list="bullet">要点</li></ol>'
	"<ul><li>甲</li></ul>"
	"<table><tbody><tr><th>地区</th><th>发出要约</th></tr><tr><td>芙蓉区</td><td>28</td></tr></tbody></table>"
	'<p>结束语<script>alert("x")</script><style>p { color: red }</style><span style="color: red;">红字</span></p>'
	"</div>"
)


def sample_package(**changes):
	package = ReportPackage(
		campaign="2023年春季要约行动",
		unit="长沙市",
		body="总工会",
		as_of=date(2023, 6, 30),
		due_date=date(2023, 7, 10),
		summary_html=SUMMARY,
		total=Figures(120, 35000, 100, 30000, 90, 28000, 5),
		sites=[
			DemonstrationSite(
				name="经开区工程机械行业示范点",
				region="长沙县",
				site_kind="行业性",
				covers="工程机械制造业",
				reason_html="<p>连续五年开展<b>行业协商</b>。</p>",
				enterprises=["甲公司", "乙公司"],
				activities=[SiteActivity("现场观摩会", date(2023, 4, 18), 1500, "全市观摩")],
			),
			DemonstrationSite(name="铜官园区示范点", region="望城区", site_kind="区域性（产业集聚乡镇、园区）", covers="铜官工业基地"),
		],
		cases=[
			TypicalCase(
				title="“三方四步”推动工资协商",
				region="长沙县",
				topic="工资调整",
				reporting_body="总工会",
				enterprises=["甲公司", "乙公司"],
				story_html="<p>行业企业 200 余家。</p>",
				result_html="<p>工资增长 <strong>6%</strong>。</p>",
			),
			TypicalCase(title="骑手协商破冰", region="岳麓区", topic="新就业形态"),
		],
	)
	return replace(package, **changes)


def read(data):
	return Document(BytesIO(data))


def texts(document):
	return [p.text for p in document.paragraphs]


def styled(document, style):
	return [p.text for p in document.paragraphs if p.style.name == style]


def after(document, text):
	"""The paragraph after the one whose text is `text`."""
	paragraphs = document.paragraphs
	index = [p.text for p in paragraphs].index(text)
	return paragraphs[index + 1]


def east_asia(element):
	fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts")) if element.tag != qn("w:rPr") else element.find(qn("w:rFonts"))
	return None if fonts is None else fonts.get(qn("w:eastAsia"))


def table_texts(table):
	return [[cell.text for cell in row.cells] for row in table.rows]


def part_xml(data, name):
	with zipfile.ZipFile(BytesIO(data)) as archive:
		return archive.read(name).decode("utf-8")


# The report


def test_report_title_and_unit_line():
	document = read(write_report_package_docx(sample_package()))
	title, unit_line = document.paragraphs[:2]
	assert title.text == "长沙市总工会2023年春季要约行动工作总结"
	assert title.style.name == "Title"
	assert unit_line.text == "报送单位：长沙市（总工会）  统计截止日期：2023年6月30日"


def test_province_unit_keeps_its_prefix_and_dates_are_not_zero_padded():
	document = read(write_report_package_docx(sample_package(unit="湖南省", as_of=date(2024, 5, 3))))
	assert document.paragraphs[0].text == "湖南省总工会2023年春季要约行动工作总结"
	assert document.paragraphs[1].text.endswith("统计截止日期：2024年5月3日")


def test_sections_in_order():
	document = read(write_report_package_docx(sample_package()))
	assert styled(document, "Heading 1") == ["一、工作总结", "二、主要数据", "三、示范点活动情况", "四、典型案例"]
	order = texts(document)
	positions = [order.index(heading) for heading in ("一、工作总结", "二、主要数据", "三、示范点活动情况", "四、典型案例")]
	assert positions == sorted(positions)
	assert order.index("今年以来，我市坚持应签尽签，做到应谈尽谈；A&B\xa0<c>。") < positions[1]


def test_summary_runs_keep_bold_and_italic_and_entities_are_decoded():
	document = read(write_report_package_docx(sample_package()))
	paragraph = after(document, "一、工作总结")
	assert paragraph.text == "今年以来，我市坚持应签尽签，做到应谈尽谈；A&B\xa0<c>。"
	runs = {run.text: run for run in paragraph.runs}
	assert runs["应签尽签"].bold is True
	assert runs["应谈尽谈"].italic is True
	assert not runs["今年以来，我市坚持"].bold


def test_summary_lists_become_numbered_paragraphs():
	document = read(write_report_package_docx(sample_package()))
	order = texts(document)
	start = order.index("1.第一项")
	assert order[start : start + 5] == ["1.第一项", "（1）子项", "2.第二项", "●要点", "●甲"]
	nested = document.paragraphs[start + 1]
	assert nested.paragraph_format.left_indent == Pt(32)
	assert nested.paragraph_format._element.pPr.ind.get(qn("w:leftChars")) == "200"


def test_summary_table_is_a_real_table_and_script_and_blank_lines_are_dropped():
	data = write_report_package_docx(sample_package())
	document = read(data)
	assert table_texts(document.tables[0]) == [["地区", "发出要约"], ["芙蓉区", "28"]]
	assert document.tables[0].cell(0, 0).paragraphs[0].style.name == s.TABLE_HEADER
	assert document.tables[0].cell(1, 0).paragraphs[0].style.name == s.TABLE_TEXT
	assert "结束语红字" in texts(document)
	body = part_xml(data, "word/document.xml")
	assert "alert" not in body and "color" not in body
	summary = texts(document)[texts(document).index("一、工作总结") : texts(document).index("二、主要数据")]
	assert "" not in summary  # <p><br></p> left no empty paragraph


def test_chinese_fonts_are_named_for_east_asian_text():
	document = read(write_report_package_docx(sample_package()))
	body_runs = [run for p in document.paragraphs if p.style.name == "Normal" for run in p.runs if run.text.strip()]
	assert body_runs
	assert {east_asia(run._r) for run in body_runs} == {s.FANGSONG}
	styles = document.styles
	assert east_asia(styles["Normal"].element.rPr) == "仿宋_GB2312"
	assert east_asia(styles["Title"].element.rPr) == "方正小标宋简体"
	assert east_asia(styles["Heading 1"].element.rPr) == "黑体"
	assert east_asia(styles["Heading 2"].element.rPr) == "楷体_GB2312"
	for name in ("Normal", "Title", "Heading 1", "Heading 2"):  # no theme font can override the name
		assert styles[name].element.rPr.rFonts.get(qn("w:eastAsiaTheme")) is None
	cell_run = document.tables[0].cell(1, 0).paragraphs[0].runs[0]
	assert east_asia(cell_run._r) == "仿宋"


def test_type_sizes_indent_and_line_spacing():
	styles = read(write_report_package_docx(sample_package())).styles
	assert styles["Title"].font.size == Pt(22)
	assert styles["Title"].paragraph_format.alignment == s.CENTER
	assert styles["Heading 1"].font.size == Pt(16)
	assert styles["Normal"].font.size == Pt(16)
	assert styles[s.TABLE_TEXT].font.size == Pt(12)
	body = styles["Normal"].paragraph_format
	assert body.line_spacing == Pt(28)
	assert body.line_spacing_rule == WD_LINE_SPACING.EXACTLY
	assert body.first_line_indent == Pt(32)
	assert body._element.pPr.ind.get(qn("w:firstLineChars")) == "200"


def test_page_is_a4_with_the_document_margins_and_page_numbers():
	data = write_report_package_docx(sample_package())
	section = read(data).sections[0]
	assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
	margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
	assert [round(margin.mm) for margin in margins] == [37, 35, 28, 26]
	footer = section.footer.paragraphs[0]
	assert footer.text == "— 1 —"
	assert footer.alignment == s.CENTER or footer.style.paragraph_format.alignment == s.CENTER
	footer_xml = footer._p.xml
	assert "PAGE" in footer_xml and 'w:fldCharType="begin"' in footer_xml and 'w:fldCharType="end"' in footer_xml


def test_main_figures_sentence_uses_thousands_separators():
	document = read(write_report_package_docx(sample_package()))
	assert after(document, "二、主要数据").text == (
		"截至2023年6月30日，共向 120 家企业发出要约，覆盖职工 35,000 人；回应要约 100 家，覆盖职工 30,000 人；"
		"签订集体合同 90 家，覆盖职工 28,000 人；不予回应（拒绝协商）企业 5 家。"
		"详见附件《集体协商“春季要约行动”情况统计表》。"
	)


def test_sites_have_a_heading_a_facts_table_the_reason_and_the_activities():
	document = read(write_report_package_docx(sample_package()))
	assert styled(document, "Heading 2")[:2] == ["（一）经开区工程机械行业示范点", "（二）铜官园区示范点"]
	facts, activities, second_facts = document.tables[1:4]
	assert table_texts(facts) == [
		["所在地区", "长沙县"],
		["类型", "行业性"],
		["覆盖行业或园区", "工程机械制造业"],
		["覆盖企业", "甲公司、乙公司"],
	]
	assert table_texts(activities) == [["活动", "日期", "参加人数", "说明"], ["现场观摩会", "2023年4月18日", "1,500", "全市观摩"]]
	assert table_texts(second_facts)[3] == ["覆盖企业", ""]
	assert after(document, "选树理由").text == "连续五年开展行业协商。"
	order = texts(document)
	second = order.index("（二）铜官园区示范点")
	assert order[second + 1 : second + 5] == ["", "选树理由", "（未填写）", "示范活动"]  # "" is the gap after the table
	assert order[second + 5] == "（尚未开展示范活动）"


def test_tables_fit_the_text_block():
	document = read(write_report_package_docx(sample_package()))
	text_width = s.TEXT_WIDTH
	for table in document.tables:
		grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
		total = sum(int(col.get(qn("w:w"))) for col in grid)
		assert total <= text_width.twips + 5


def test_cases_have_heading_meta_line_story_and_result():
	document = read(write_report_package_docx(sample_package()))
	order = texts(document)
	start = order.index("（一）“三方四步”推动工资协商")
	assert order[start : start + 6] == [
		"（一）“三方四步”推动工资协商",
		"地区：长沙县　主题：工资调整　涉及企业：甲公司、乙公司",
		"基本情况",
		"行业企业 200 余家。",
		"取得成效",
		"工资增长 6%。",
	]
	assert document.paragraphs[start + 2].style.name == "Heading 3"
	second = order.index("（二）骑手协商破冰")
	assert order[second + 1 : second + 6] == ["地区：岳麓区　主题：新就业形态", "基本情况", "（未填写）", "取得成效", "（未填写）"]


def test_empty_package_says_what_is_missing():
	empty = ReportPackage("2023年春季要约行动", "湖南省", "总工会", date(2023, 6, 30), date(2023, 7, 10))
	document = read(write_report_package_docx(empty))
	order = texts(document)
	assert order[order.index("一、工作总结") + 1] == "（未填写工作总结）"
	assert order[order.index("三、示范点活动情况") + 1] == "（本单位尚未选树示范点）"
	assert order[order.index("四、典型案例") + 1] == "（本单位未报送典型案例）"
	assert order[order.index("二、主要数据") + 1].startswith("截至2023年6月30日，共向 0 家企业发出要约")
	assert document.tables == []
	editor_blank = sample_package(summary_html='<div class="ql-editor read-mode"><p><br></p></div>')
	assert after(read(write_report_package_docx(editor_blank)), "一、工作总结").text == "（未填写工作总结）"


def test_user_text_is_inserted_as_text():
	package = sample_package(unit="<b>长沙</b>&amp;", cases=[TypicalCase(title="=SUM(A1)<script>", region="x", topic="其他")])
	data = write_report_package_docx(package)
	document = read(data)
	assert document.paragraphs[0].text.startswith("<b>长沙</b>&amp;总工会")
	assert "（一）=SUM(A1)<script>" in texts(document)


# The compilation


def compilation_cases():
	return [
		TypicalCase("骑手协商", "长沙市", "新就业形态", "总工会", ["某平台"], "<p>骑手故事。</p>", "<p>骑手成效。</p>"),
		TypicalCase("工资协商甲", "株洲市", "工资调整", "人力资源和社会保障部门", [], "<p>甲故事。</p>", ""),
		TypicalCase("劳模工作室协商", "湘潭市", "劳模工作室", "总工会"),
		TypicalCase("工资协商乙", "长沙市", "工资调整", "总工会"),
	]


def compilation(**changes):
	book = CaseCompilation(campaign="2023年集体协商“春季要约行动”", compiled_by="湖南省总工会", compiled_on=date(2023, 7, 20), cases=compilation_cases())
	return replace(book, **changes)


def test_compilation_title_page():
	document = read(write_case_compilation_docx(compilation(), c.CASE_TOPICS))
	assert texts(document)[:4] == ["2023年集体协商“春季要约行动”", "集体协商典型案例汇编", "湖南省总工会", "2023年7月"]
	title_page, contents, cases = document.sections
	assert title_page.different_first_page_header_footer  # no page number on the title page
	assert title_page.first_page_footer.is_linked_to_previous  # first section: no first-page footer at all
	numbering = [section._sectPr.find(qn("w:pgNumType")) for section in (contents, cases)]
	assert [(n.get(qn("w:fmt")), n.get(qn("w:start"))) for n in numbering] == [("upperRoman", "1"), ("decimal", "1")]
	big = document.paragraphs[1].runs[0]
	assert big.font.size == Pt(36) and east_asia(big._r) == "方正小标宋简体"


def test_contents_lists_groups_and_every_case_once_in_group_order():
	document = read(write_case_compilation_docx(compilation(), c.CASE_TOPICS))
	assert "目  录" in texts(document)
	entries = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
	assert entries == [
		("toc 1", "一、工资调整"),
		("toc 2", "1.工资协商甲"),
		("toc 2", "2.工资协商乙"),
		("toc 1", "二、新就业形态"),
		("toc 2", "3.骑手协商"),
		("toc 1", "三、劳模工作室"),  # not among CASE_TOPICS: after them
		("toc 2", "4.劳模工作室协商"),
	]


def test_contents_is_a_toc_field_that_word_refreshes_on_open():
	data = write_case_compilation_docx(compilation(), c.CASE_TOPICS)
	document = read(data)
	toc = [p for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
	first, last = toc[0]._p.xml, toc[-1]._p.xml
	assert first.index('w:fldCharType="begin"') < first.index('TOC \\o "1-2" \\h \\z \\u') < first.index('w:fldCharType="separate"')
	assert first.index('w:fldCharType="separate"') < first.index("一、工资调整")
	assert last.index("4.劳模工作室协商") < last.index('w:fldCharType="end"')
	assert part_xml(data, "word/document.xml").count('w:fldCharType="begin"') == 1  # the TOC; PAGE is in the footer
	settings = document.settings.element
	assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
	# in schema order: before w:compat
	children = [child.tag for child in settings]
	assert children.index(qn("w:updateFields")) < children.index(qn("w:compat"))


def test_compilation_headings_use_the_built_in_heading_styles_the_toc_collects():
	document = read(write_case_compilation_docx(compilation(), c.CASE_TOPICS))
	assert styled(document, "Heading 1") == ["一、工资调整", "二、新就业形态", "三、劳模工作室"]
	assert styled(document, "Heading 2") == ["1.工资协商甲", "2.工资协商乙", "3.骑手协商", "4.劳模工作室协商"]
	assert document.styles["Heading 1"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
	assert east_asia(document.styles["Heading 1"].element.rPr) == "黑体"
	order = texts(document)
	start = len(order) - 1 - order[::-1].index("3.骑手协商")  # the heading, not the contents entry
	assert document.paragraphs[start].style.name == "Heading 2"
	assert order[start + 1 : start + 6] == ["地区：长沙市　报送部门：总工会　涉及企业：某平台", "基本情况", "骑手故事。", "取得成效", "骑手成效。"]
	# each group after the first, and each case after the first of its group, starts a new page
	headings = [p for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
	assert [bool(p.paragraph_format.page_break_before) for p in headings] == [False, False, True, True, False, True, False]


def test_grouping_by_region_orders_groups_by_the_given_regions():
	by_topic = read(write_case_compilation_docx(compilation(), c.CASE_TOPICS))
	by_region = read(write_case_compilation_docx(compilation(group_by=GROUP_BY_REGION), ("长沙市", "株洲市", "湘潭市")))
	assert styled(by_region, "Heading 1") == ["一、长沙市", "二、株洲市", "三、湘潭市"]
	assert styled(by_region, "Heading 2") == ["1.骑手协商", "2.工资协商乙", "3.工资协商甲", "4.劳模工作室协商"]
	assert styled(by_topic, "Heading 1") != styled(by_region, "Heading 1")


def test_compilation_without_cases():
	data = write_case_compilation_docx(compilation(cases=[]))
	document = read(data)
	assert "（本活动尚无审核通过的典型案例）" in texts(document)
	assert not [p for p in document.paragraphs if p.style.name.startswith("toc")]
	assert "TOC" not in part_xml(data, "word/document.xml")
	assert len(document.sections) == 2


# add_html on its own


def blank():
	return s.new_document()


def test_add_html_with_nothing_adds_nothing():
	for html in (None, "", "   ", "<p><br></p>", '<div class="ql-editor read-mode"><p> </p></div>'):
		document = blank()
		assert add_html(document, html) == 0
		assert len(document.element.body) == 1  # the section properties only


def test_add_html_unknown_tags_keep_text_and_script_style_are_dropped():
	document = blank()
	add_html(document, "<custom>未知<x-y>标签</x-y></custom><script>var a = 1;</script><style>p{}</style><p>正文</p>")
	assert texts(document) == ["未知标签", "正文"]


def test_add_html_headings_quotes_and_line_breaks():
	document = blank()
	add_html(document, "<h1>大标题</h1><h3>小标题</h3><blockquote>引文</blockquote><p>第一行<br>第二行</p>", s.HTML_STYLES)
	assert [(p.style.name, p.text) for p in document.paragraphs] == [
		("Heading 3", "大标题"),
		("Heading 4", "小标题"),
		("Quote", "引文"),
		("Normal", "第一行\n第二行"),
	]


def test_add_html_underline_strike_and_typed_indent():
	document = blank()
	add_html(document, "<p>　　<u>下划线</u><s>删除</s>  多个   空格</p>")
	paragraph = document.paragraphs[0]
	assert paragraph.text == "下划线删除 多个 空格"  # the typed full-width indent goes: the style indents
	assert paragraph.runs[0].underline is True
	assert paragraph.runs[1].font.strike is True


def test_add_html_quill_flat_lists_restart_after_a_bullet():
	document = blank()
	add_html(
		document,
		'<ol><li data-list="ordered">一</li><li data-list="ordered">二</li><li data-list="bullet">点</li>'
		'<li data-list="ordered">再一</li><li data-list="ordered" class="ql-indent-1">下一</li>'
		'<li data-list="ordered" class="ql-indent-2">再下</li></ol>',
	)
	assert texts(document) == ["1.一", "2.二", "●点", "1.再一", "（1）下一", "①再下"]


def test_add_html_nested_lists():
	document = blank()
	add_html(document, "<ul><li>外<ol><li>内一</li><li>内二</li></ol></li><li>外二</li></ul>")
	assert texts(document) == ["●外", "（1）内一", "（2）内二", "●外二"]


def test_add_html_table_spans_and_cell_target():
	document = blank()
	add_html(document, '<table><tr><td colspan="2">合并</td><td>三</td></tr><tr><td>一</td><td>二</td><td><b>粗</b></td></tr></table>')
	table = document.tables[0]
	assert table_texts(table) == [["合并", "合并", "三"], ["一", "二", "粗"]]
	assert table.cell(0, 0)._tc is table.cell(0, 1)._tc
	assert table.cell(1, 2).paragraphs[0].runs[0].bold is True
	cell = table.cell(1, 0)
	add_html(cell, "<p>单元格里</p><p>第二段</p>")
	assert [p.text for p in cell.paragraphs] == ["一", "单元格里", "第二段"]


@pytest.mark.parametrize(
	"number, level, expected",
	[(1, 1, "一、"), (10, 1, "十、"), (11, 1, "十一、"), (20, 1, "二十、"), (23, 1, "二十三、"), (3, 2, "（三）"), (12, 2, "（十二）")],
)
def test_ordinal(number, level, expected):
	assert ordinal(number, level) == expected


# The zip


def test_package_zip_keeps_chinese_names_and_bytes():
	report = write_report_package_docx(sample_package())
	book = write_case_compilation_docx(compilation(), c.CASE_TOPICS)
	files = [("长沙市总工会工作总结.docx", report), ("附件/集体协商典型案例汇编.docx", book)]
	data = package_zip(files)
	with zipfile.ZipFile(BytesIO(data)) as archive:
		infos = archive.infolist()
		assert [info.filename for info in infos] == [name for name, _ in files]
		assert all(info.flag_bits & 0x800 for info in infos)  # names stored as UTF-8
		assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos)
		assert archive.read("长沙市总工会工作总结.docx") == report
		assert archive.read("附件/集体协商典型案例汇编.docx") == book
	with pytest.raises(ValueError):
		package_zip([("a.docx", b"1"), ("a.docx", b"2")])
