"""A unit's written report (工作总结) that goes with its 附件 (notice 三(四)): the summary, the main
figures, the demonstration sites and the typical cases, as a .docx in the look of a 公文."""

from io import BytesIO

from docx.shared import Mm

from springoffer.core import categories as c
from springoffer.core.documents import styles as s
from springoffer.core.documents.blocks import (
	add_paragraph,
	add_text,
	add_text_table,
	fitting_size,
	spacer,
)
from springoffer.core.documents.html import add_html
from springoffer.core.documents.text import labelled, long_date, ordinal

SECTIONS = ("工作总结", "主要数据", "示范点活动情况", "典型案例")
NO_SUMMARY = "（未填写工作总结）"
NO_SITES = "（本单位尚未选树示范点）"
NO_CASES = "（本单位未报送典型案例）"
NO_ACTIVITIES = "（尚未开展示范活动）"
NOT_FILLED = "（未填写）"

SITE_WIDTHS = (Mm(36), Mm(120))
ACTIVITY_HEADER = ("活动", "日期", "参加人数", "说明")
ACTIVITY_WIDTHS = (Mm(30), Mm(42), Mm(22), Mm(62))


def report_title(package):
	return f"{package.unit}{package.body}{package.campaign}工作总结"


def figures_sentence(total, as_of):
	"""The 附件's 合计 in one sentence, with thousands separators."""
	return (
		f"截至{long_date(as_of)}，共向 {total.offered:,} 家企业发出要约，覆盖职工 {total.offered_workers:,} 人；"
		f"回应要约 {total.responded:,} 家，覆盖职工 {total.responded_workers:,} 人；"
		f"签订集体合同 {total.signed:,} 家，覆盖职工 {total.signed_workers:,} 人；"
		f"不予回应（拒绝协商）企业 {total.refused:,} 家。详见附件《{c.ANNEX_TITLE}》。"
	)


def add_rich_text(document, html, empty=NOT_FILLED):
	"""The editor's HTML, or `empty` when there is nothing in it."""
	if not add_html(document, html, s.HTML_STYLES):
		add_paragraph(document, empty)


def add_labelled_text(document, label, html):
	add_paragraph(document, label, s.HEADING_3)
	add_rich_text(document, html)


def add_case_text(document, case):
	add_labelled_text(document, "基本情况", case.story_html)
	add_labelled_text(document, "取得成效", case.result_html)


def _summary(document, package):
	add_rich_text(document, package.summary_html, NO_SUMMARY)


def _figures(document, package):
	add_paragraph(document, figures_sentence(package.total, package.as_of))


def _site(document, site):
	rows = (
		("所在地区", site.region),
		("类型", site.site_kind),
		("覆盖行业或园区", site.covers),
		("覆盖企业", "、".join(site.enterprises)),
	)
	add_text_table(document, rows, SITE_WIDTHS, label_column=True)
	spacer(document)
	add_labelled_text(document, "选树理由", site.reason_html)
	add_paragraph(document, "示范活动", s.HEADING_3)
	if not site.activities:
		add_paragraph(document, NO_ACTIVITIES)
		return
	rows = [
		(activity.kind, long_date(activity.held_on) if activity.held_on else "", f"{activity.attendance:,}", activity.note)
		for activity in site.activities
	]
	add_text_table(document, rows, ACTIVITY_WIDTHS, header=ACTIVITY_HEADER)
	spacer(document)


def _sites(document, package):
	if not package.sites:
		add_paragraph(document, NO_SITES)
	for number, site in enumerate(package.sites, start=1):
		add_paragraph(document, ordinal(number, 2) + site.name, s.HEADING_2)
		_site(document, site)


def _cases(document, package):
	if not package.cases:
		add_paragraph(document, NO_CASES)
	for number, case in enumerate(package.cases, start=1):
		add_paragraph(document, ordinal(number, 2) + case.title, s.HEADING_2)
		line = labelled((("地区", case.region), ("主题", case.topic), ("涉及企业", "、".join(case.enterprises))))
		if line:
			add_paragraph(document, line, s.NOTE)
		add_case_text(document, case)


def save(document):
	out = BytesIO()
	document.save(out)
	return out.getvalue()


def write_report_package_docx(package):
	"""The report as .docx bytes: title, 报送单位 line, then 一、工作总结 二、主要数据 三、示范点活动情况 四、典型案例."""
	document = s.new_document()
	title = report_title(package)
	document.core_properties.title = title
	document.core_properties.author = f"{package.unit}{package.body}"
	add_paragraph(document, title, s.TITLE)
	line = f"报送单位：{package.unit}（{package.body}）  统计截止日期：{long_date(package.as_of)}"
	add_text(document.add_paragraph(style=s.SUBTITLE), line, size=fitting_size(line, (s.SIZE_SAN, s.SIZE_SI, s.SIZE_XIAOSI)))
	for number, (heading, write) in enumerate(zip(SECTIONS, (_summary, _figures, _sites, _cases)), start=1):
		add_paragraph(document, ordinal(number) + heading, s.HEADING_1)
		write(document, package)
	return save(document)
