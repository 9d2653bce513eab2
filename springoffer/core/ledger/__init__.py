"""The ledger workbook (台帐): one .xlsx format for the desk's import and the offline command.

Sheets and columns are found by their header text in row 1 (column order is free, extra columns and
extra sheets are ignored, blank rows are skipped):

- 企业 (required): 统一社会信用代码, 企业名称, 企业类型, 所在地区, 职工人数
- 要约: 要约编号, 活动, 要约范围, 统一社会信用代码, 覆盖职工数, 发出日期, 回应情况, 回应日期, 拒绝原因,
  人社部门处理情况 (+ optional 人社部门处理日期). One row per covered enterprise; rows sharing a
  要约编号 are one offer.
- 集体合同: 合同编号, 活动, 合同类型, 统一社会信用代码, 覆盖职工数, 签订日期, 状态 (+ optional 要约编号,
  撤销原因). One row per covered enterprise; rows sharing a 合同编号 are one contract.
- 地区 (optional): 地区, 上级地区 — regions added under the shipped tree.
- 活动 (optional): 名称, 开始日期, 结束日期, 上报截止日期. A campaign named with a year and not listed
  here (2024年春季要约行动) runs 03-01 … 06-30 of that year and is due 06-30.
- 协商会议 (optional): 要约编号, 会议日期 (+ optional 地点, 结果) — one row per meeting held in the
  negotiation of an offer of the 要约 sheet answered 同意协商, on or after its answer.

read_ledger() checks everything and raises LedgerInvalid with every error found (sheet, Excel row,
a Chinese message saying how to fix it) — a ledger is taken whole or not at all. No Frappe here.
"""


from springoffer.core.categories import split_choice
from springoffer.core.ledger.model import (
	Campaign,
	Contract,
	Ledger,
	LedgerError,
	LedgerInvalid,
	Meeting,
	Offer,
)
from springoffer.core.ledger.reader import read_ledger
from springoffer.core.ledger.sample import SAMPLE_CAMPAIGN, write_sample
from springoffer.core.ledger.sheets import (
	CAMPAIGN,
	CAMPAIGN_NAME,
	CAMPAIGNS,
	CANCELLATION_REASON,
	CANCELLED,
	CATEGORY,
	CODE,
	CONTRACT_NO,
	CONTRACTS,
	DATE_COLUMNS,
	DATE_SENT,
	DEFAULT_END,
	DEFAULT_START,
	DUE,
	EMPLOYEES,
	END,
	ENTERPRISES,
	HRSS_HANDLING,
	HRSS_HANDLING_DATE,
	KIND,
	MEETING_DATE,
	MEETINGS,
	NAME,
	OFFER_NO,
	OFFERS,
	PARENT_REGION,
	PLACE,
	REFUSAL_REASON,
	REGION,
	REGION_NAME,
	REGIONS,
	RESPONSE,
	RESPONSE_DATE,
	RESULT,
	SCOPE,
	SHEET_ORDER,
	SIGNING_DATE,
	SPECS,
	START,
	STATUS,
	WORKERS,
	SheetSpec,
)
from springoffer.core.ledger.template import write_template
from springoffer.core.ledger.values import (
	_CODE_MESSAGES,
	code_error_text,
	normalize_code,
	parse_date,
	parse_int,
)

__all__ = [
	"CAMPAIGN",
	"CAMPAIGNS",
	"CAMPAIGN_NAME",
	"CANCELLATION_REASON",
	"CANCELLED",
	"CATEGORY",
	"CODE",
	"CONTRACTS",
	"CONTRACT_NO",
	"DATE_COLUMNS",
	"DATE_SENT",
	"DEFAULT_END",
	"DEFAULT_START",
	"DUE",
	"EMPLOYEES",
	"END",
	"ENTERPRISES",
	"HRSS_HANDLING",
	"HRSS_HANDLING_DATE",
	"KIND",
	"MEETINGS",
	"MEETING_DATE",
	"NAME",
	"OFFERS",
	"OFFER_NO",
	"PARENT_REGION",
	"PLACE",
	"REFUSAL_REASON",
	"REGION",
	"REGIONS",
	"REGION_NAME",
	"RESPONSE",
	"RESPONSE_DATE",
	"RESULT",
	"SAMPLE_CAMPAIGN",
	"SCOPE",
	"SHEET_ORDER",
	"SIGNING_DATE",
	"SPECS",
	"START",
	"STATUS",
	"WORKERS",
	"_CODE_MESSAGES",
	"Campaign",
	"Contract",
	"Ledger",
	"LedgerError",
	"LedgerInvalid",
	"Meeting",
	"Offer",
	"SheetSpec",
	"code_error_text",
	"normalize_code",
	"parse_date",
	"parse_int",
	"read_ledger",
	"split_choice",
	"write_sample",
	"write_template",
]
