"""The ledger workbook's sheets and columns, found by their header text."""

import re
from dataclasses import dataclass, field

ENTERPRISES = "企业"
OFFERS = "要约"
CONTRACTS = "集体合同"
REGIONS = "地区"
CAMPAIGNS = "活动"
MEETINGS = "协商会议"
SHEET_ORDER = (ENTERPRISES, OFFERS, CONTRACTS, REGIONS, CAMPAIGNS, MEETINGS)

# Columns
CODE = "统一社会信用代码"
NAME = "企业名称"
CATEGORY = "企业类型"
REGION = "所在地区"
EMPLOYEES = "职工人数"
OFFER_NO = "要约编号"
CAMPAIGN = "活动"
SCOPE = "要约范围"
WORKERS = "覆盖职工数"
DATE_SENT = "发出日期"
RESPONSE = "回应情况"
RESPONSE_DATE = "回应日期"
REFUSAL_REASON = "拒绝原因"
HRSS_HANDLING = "人社部门处理情况"
HRSS_HANDLING_DATE = "人社部门处理日期"
DELIVERED_ON = "送达日期"
DELIVERY_METHOD = "送达方式"
CONTRACT_NO = "合同编号"
KIND = "合同类型"
SIGNING_DATE = "签订日期"
STATUS = "状态"
CANCELLATION_REASON = "撤销原因"
REGION_NAME = "地区"
PARENT_REGION = "上级地区"
CAMPAIGN_NAME = "名称"
START = "开始日期"
END = "结束日期"
DUE = "上报截止日期"
MEETING_DATE = "会议日期"
PLACE = "地点"
RESULT = "结果"

CANCELLED = "已撤销"


@dataclass(frozen=True)
class SheetSpec:
	name: str
	required: tuple
	optional: tuple = ()
	widths: dict = field(default_factory=dict)

	@property
	def columns(self):
		return self.required + self.optional


SPECS = {
	ENTERPRISES: SheetSpec(
		ENTERPRISES,
		(CODE, NAME, CATEGORY, REGION, EMPLOYEES),
		widths={CODE: 22, NAME: 36, CATEGORY: 30, REGION: 14, EMPLOYEES: 10},
	),
	OFFERS: SheetSpec(
		OFFERS,
		(OFFER_NO, CAMPAIGN, SCOPE, CODE, WORKERS, DATE_SENT, RESPONSE, RESPONSE_DATE, REFUSAL_REASON, HRSS_HANDLING),
		(HRSS_HANDLING_DATE, DELIVERED_ON, DELIVERY_METHOD),
		widths={OFFER_NO: 16, CAMPAIGN: 22, SCOPE: 10, CODE: 22, WORKERS: 11, DATE_SENT: 12, RESPONSE: 11, RESPONSE_DATE: 12, REFUSAL_REASON: 36, HRSS_HANDLING: 40, HRSS_HANDLING_DATE: 16, DELIVERED_ON: 12, DELIVERY_METHOD: 12},
	),
	CONTRACTS: SheetSpec(
		CONTRACTS,
		(CONTRACT_NO, CAMPAIGN, KIND, CODE, WORKERS, SIGNING_DATE, STATUS),
		(OFFER_NO, CANCELLATION_REASON),
		widths={CONTRACT_NO: 16, CAMPAIGN: 22, KIND: 26, CODE: 22, WORKERS: 11, SIGNING_DATE: 12, STATUS: 9, OFFER_NO: 16, CANCELLATION_REASON: 30},
	),
	# optional: one row per meeting held in an agreed offer's negotiation (a blank 结果 continues the talks)
	MEETINGS: SheetSpec(
		MEETINGS,
		(OFFER_NO, MEETING_DATE),
		(PLACE, RESULT),
		widths={OFFER_NO: 16, MEETING_DATE: 12, PLACE: 30, RESULT: 12},
	),
	REGIONS: SheetSpec(REGIONS, (REGION_NAME, PARENT_REGION), widths={REGION_NAME: 18, PARENT_REGION: 18}),
	CAMPAIGNS: SheetSpec(
		CAMPAIGNS,
		(CAMPAIGN_NAME, START, END, DUE),
		widths={CAMPAIGN_NAME: 24, START: 12, END: 12, DUE: 14},
	),
}
DATE_COLUMNS = {DATE_SENT, RESPONSE_DATE, HRSS_HANDLING_DATE, DELIVERED_ON, SIGNING_DATE, START, END, DUE, MEETING_DATE}

# Campaigns named only by their year run over the notice's spring months.
DEFAULT_START = (3, 1)
DEFAULT_END = (6, 30)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


