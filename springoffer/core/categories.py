"""Categories, options and the 附件's wording: the one source for the whole app.

DocType Select options, the report's rows and columns, the Excel writer and the ledger
workbook all read these tuples; tests check the DocType JSON against them.
"""

import re
import unicodedata
from functools import lru_cache

# The four rows of the 附件, in the form's order, with its full-width parentheses.
STATE_OWNED = "国有及国有控股企业或集体企业"
PRIVATE = "私营企业（民营企业）"
FOREIGN = "外商投资企业（中外合资）"
OTHER = "其他企业"
REPORT_CATEGORIES = (STATE_OWNED, PRIVATE, FOREIGN, OTHER)
TOTAL_LABEL = "合计"

ANNEX_TITLE = "集体协商“春季要约行动”情况统计表"
UNIT_PREFIX = "报送单位："
HEADER_CATEGORY = "企业类型"
HEADER_OFFERED = "发出要约"
HEADER_RESPONDED = "回应要约"
HEADER_SIGNED = "签订集体合同"
HEADER_REFUSED = "不予回应（拒绝协商）企业数"
HEADER_REASONS = "企业拒绝协商原因以及人社部门处理情况"
HEADER_ENTERPRISES = "企业数"
HEADER_WORKERS = "覆盖职工数"
NOTE_2 = "2. 不予回应或拒绝协商的企业数量、类型、原因及人社部门处理的相关情况应另附纸说明。"
REFUSAL_SHEET_TITLE = "不予回应（拒绝协商）企业情况"


def note_1(due_date):
	"""备注 1 with the campaign's due date, spaced as the notice prints it."""
	return f"备注：1. 请各地于 {due_date.year} 年 {due_date.month} 月 {due_date.day} 日前上报；"


# Offers
SCOPE_SINGLE = "单个企业"
SCOPE_INDUSTRY = "行业性"
SCOPE_REGIONAL = "区域性"
OFFER_SCOPES = (SCOPE_SINGLE, SCOPE_INDUSTRY, SCOPE_REGIONAL)

OFFERING_SIDES = ("职工方（工会）", "企业方")

OFFER_TOPICS = (
	"工资调整",
	"计件单价与劳动定额",
	"技术工人薪酬",
	"休息休假",
	"劳动安全卫生",
	"新就业形态劳动者权益",
	"其他",
)

PENDING = "待回应"
AGREED = "同意协商"
REFUSED = "拒绝协商"
RESPONSES = (PENDING, AGREED, REFUSED)
# Not a response: what the refusal sheet says of an offer left unanswered past its due date.
OVERDUE = "逾期未回应"

# Delivery of the offer (送达): the 20 days of 集体合同规定 Art. 32 run from the day the employer side
# received it. Offers recorded before delivery was, and ledgers without a 送达日期 column, count from the
# date sent, marked so.
DELIVERY_BY_HAND = "直接送达"
DELIVERY_BY_POST = "邮寄送达"
DELIVERY_ELECTRONIC = "电子送达"
DELIVERY_OTHER = "其他"
DELIVERY_UNRECORDED = "未记录（按发出日期计）"
DELIVERY_METHODS = (DELIVERY_BY_HAND, DELIVERY_BY_POST, DELIVERY_ELECTRONIC, DELIVERY_OTHER, DELIVERY_UNRECORDED)
NOT_DELIVERED = "未确认送达"
DELIVERED = "已送达"
DELIVERY_FAILED = "送达失败"
DELIVERY_STATES = (NOT_DELIVERED, DELIVERED, DELIVERY_FAILED)
# An offer sent this many days ago with no delivery on record shows on the workspace (a site setting may change it).
UNDELIVERED_AFTER_DAYS = 7

REFUSAL_REASONS = (
	"企业经营困难",
	"认为无协商必要",
	"企业已有有效集体合同",
	"职工方要求过高",
	"企业未建立工会",
	"其他",
)

HRSS_HANDLINGS = (
	"督促企业应约",
	"约谈企业负责人",
	"下达限期整改意见",
	"组织调解协调",
	"依法处理",
	"其他",
)

# Contracts
CONTRACT_KINDS = (
	"综合性集体合同",
	"工资专项集体协议",
	"技术工人薪酬专项集体协议",
	"行业性集体合同",
	"区域性集体合同",
	"其他专项集体合同",
)

# How a contract moves wages; zero growth and cuts need the union's or employee representatives' consent.
WAGE_RISE = "增长"
WAGE_FREEZE = "零增长"
WAGE_CUT = "降低"
WAGE_ADJUSTMENTS = (WAGE_RISE, WAGE_FREEZE, WAGE_CUT)

# Contract review and filing (集体合同规定 Art. 42–47): the Workflow's states.
CONTRACT_DRAFT = "草拟"
CONTRACT_SUBMITTED = "已报送"
CONTRACT_NEEDS_CORRECTION = "需补正"
CONTRACT_ACCEPTED = "已受理"
CONTRACT_UNDER_REVIEW = "审查中"
CONTRACT_APPROVED = "审查通过"
CONTRACT_OBJECTED = "提出异议"
CONTRACT_EFFECTIVE = "已生效"
CONTRACT_CANCELLED = "已撤销"
CONTRACT_STATES = (
	CONTRACT_DRAFT,
	CONTRACT_SUBMITTED,
	CONTRACT_NEEDS_CORRECTION,
	CONTRACT_ACCEPTED,
	CONTRACT_UNDER_REVIEW,
	CONTRACT_APPROVED,
	CONTRACT_OBJECTED,
	CONTRACT_EFFECTIVE,
	CONTRACT_CANCELLED,
)
# With HRSS and its 15 days running: no objection by the window's end and the contract takes effect.
CONTRACT_IN_REVIEW = (CONTRACT_ACCEPTED, CONTRACT_UNDER_REVIEW, CONTRACT_APPROVED)

# Unit Report review: submitted by the unit's officer, approved by the same body's province reviewer.
REPORT_DRAFT = "草稿"
REPORT_SUBMITTED = "已提交"
REPORT_APPROVED = "已审核"
REPORT_RETURNED = "退回"
REPORT_STATES = (REPORT_DRAFT, REPORT_SUBMITTED, REPORT_APPROVED, REPORT_RETURNED)

# The four bodies of the notice; a UnitReport is filed by one of them.
BODY_HRSS = "人力资源和社会保障部门"
BODY_UNION = "总工会"
BODY_ENTERPRISE_CONFEDERATION = "企业和工业经济联合会"
BODY_COMMERCE = "工商业联合会"
REPORTING_BODIES = (BODY_HRSS, BODY_UNION, BODY_ENTERPRISE_CONFEDERATION, BODY_COMMERCE)

# The province's offices of the four bodies, as the notice's letterhead names them.
PROVINCE_BODIES = {
	BODY_HRSS: "湖南省人力资源和社会保障厅",
	BODY_UNION: "湖南省总工会",
	BODY_ENTERPRISE_CONFEDERATION: "湖南省企业和工业经济联合会",
	BODY_COMMERCE: "湖南省工商业联合会",
}
PROVINCE_TRIPARTITE = "湖南省协调劳动关系三方"

# GB/T 4754-2017 门类
INDUSTRIES = (
	"A 农、林、牧、渔业",
	"B 采矿业",
	"C 制造业",
	"D 电力、热力、燃气及水生产和供应业",
	"E 建筑业",
	"F 批发和零售业",
	"G 交通运输、仓储和邮政业",
	"H 住宿和餐饮业",
	"I 信息传输、软件和信息技术服务业",
	"J 金融业",
	"K 房地产业",
	"L 租赁和商务服务业",
	"M 科学研究和技术服务业",
	"N 水利、环境和公共设施管理业",
	"O 居民服务、修理和其他服务业",
	"P 教育",
	"Q 卫生和社会工作",
	"R 文化、体育和娱乐业",
	"S 公共管理、社会保障和社会组织",
	"T 国际组织",
)

_PARENS = str.maketrans({"(": "（", ")": "）"})


@lru_cache(maxsize=8192)
def _normalized(text):
	text = unicodedata.normalize("NFKC", text)  # full-width → half-width
	text = re.sub(r"\s+", "", text)
	return text.translate(_PARENS)


def normalize_label(text):
	"""Fold width and spacing so '私营企业 (民营企业)' and '私营企业（民营企业）' compare equal."""
	if text is None:
		return ""
	return _normalized(str(text))


def match_option(text, options):
	"""The option that `text` names, tolerating half/full-width parentheses and spaces; None if none."""
	wanted = normalize_label(text)
	for option in options:
		if normalize_label(option) == wanted:
			return option
	return None


def split_choice(text, options, fallback="其他"):
	"""(option, detail) for a free text such as '企业经营困难：订单下滑' — for a Select plus a detail field.

	A text that starts with one of `options` (then optionally '：' or ':') gives that option and the rest;
	any other text gives (fallback, text).
	"""
	text = (text or "").strip()
	if not text:
		return "", ""
	for option in sorted(options, key=len, reverse=True):
		if text.startswith(option):
			rest = text[len(option):].lstrip("：:;；，, ").strip()
			return option, rest
	return fallback, text


def select_options(options):
	"""Frappe's Select 'options' text for a tuple of values."""
	return "\n".join(options)


# Each body's officer role (city and province staff) and its province reviewer role.
BODY_ROLES = {
	BODY_HRSS: ("HRSS Officer", "HRSS Reviewer"),
	BODY_UNION: ("Trade Union Officer", "Trade Union Reviewer"),
	BODY_ENTERPRISE_CONFEDERATION: ("Enterprise Confederation Officer", "Enterprise Confederation Reviewer"),
	BODY_COMMERCE: ("Commerce Federation Officer", "Commerce Federation Reviewer"),
}
ROLES = tuple(role for pair in BODY_ROLES.values() for role in pair)


# What the notice asks besides the 附件 (sections 二 and 三): demonstration sites, typical cases,
# the focus areas, quality evaluation, spot checks, instructors and the wage guideline.
SITE_KINDS = ("行业性", "区域性（产业集聚乡镇、园区）")
SITE_ACTIVITIES = ("经验交流会", "现场观摩会", "培训指导", "其他")

CASE_TOPICS = (
	"工资调整",
	"计件单价与劳动定额",
	"技术工人薪酬",
	"新就业形态",
	"小微企业区域性、行业性集体协商",
	"国有企业内部分配",
	"产业集聚乡镇（园区）集体协商",
	"其他",
)

# The notice's focus areas (二(一)–(三)), each counted from the records by springoffer.annex.focus_areas.
FOCUS_SOE = "国有企业（工资总额核准制）"
FOCUS_LABOUR_INTENSIVE = "劳动密集型行业（计件单价、劳动定额）"
FOCUS_SMALL_MICRO = "小微企业（区域性、行业性协商）"
FOCUS_PLATFORM = "新就业形态平台企业"
FOCUS_SKILLED = "技术工人薪酬专项集体协商"
FOCUS_CLUSTER = "产业集聚乡镇（园区）"
FOCUS_AREAS = (FOCUS_SOE, FOCUS_LABOUR_INTENSIVE, FOCUS_SMALL_MICRO, FOCUS_PLATFORM, FOCUS_SKILLED, FOCUS_CLUSTER)

# 履约检查 and 抽查
WAGE_TERMS_HONOURED = ("已履行", "部分履行", "未履行")
SPOT_CHECK_RESULTS = ("未发现问题", "发现问题")
RECTIFICATION_STATES = ("无需整改", "整改中", "已整改")

# 集体协商指导员
INSTRUCTOR_KINDS = ("专职", "兼职")
# 首席代表 of the employer side: recommended by an employer representative organisation (notice 三(二)).
EMPLOYER_REP_SOURCES = (BODY_ENTERPRISE_CONFEDERATION, BODY_COMMERCE, "企业自行推选")

# Typical cases are reviewed like Unit Reports: by the same body's province reviewer.
CASE_DRAFT = REPORT_DRAFT
CASE_SUBMITTED = REPORT_SUBMITTED
CASE_APPROVED = REPORT_APPROVED
CASE_RETURNED = REPORT_RETURNED
