"""How people write the ledger's words: one table of the spellings accepted in each choice column,
shared by the offline command, the bench command and the desk import.

Every spelling is compared after folding width, spaces and parentheses (categories.normalize_label),
so '私营企业 (民营企业)', '私营企业（民营企业）' and ' 私营企业（民营企业）' are one spelling.
"""

from functools import cache, lru_cache

from springoffer.core import categories as c
from springoffer.core import negotiation as talks
from springoffer.core.ledger.sheets import (
	CANCELLED,
	CATEGORY,
	DELIVERY_METHOD,
	KIND,
	RESPONSE,
	RESULT,
	SCOPE,
	STATUS,
)

SIGNED = ""  # a signed contract: what the form counts

# column → {value: (the spellings that mean it, besides the value itself)}
SPELLINGS = {
	CATEGORY: {
		c.STATE_OWNED: ("国有企业", "国有控股企业", "国有及国有控股企业", "集体企业", "国企"),
		c.PRIVATE: ("私营企业", "民营企业", "私营", "民营"),
		c.FOREIGN: ("外商投资企业", "中外合资企业", "中外合资", "外资企业", "外资", "合资企业"),
		c.OTHER: ("其他", "其它企业", "其它"),
	},
	SCOPE: {
		c.SCOPE_SINGLE: ("单个", "单一企业", "单独", "企业"),
		c.SCOPE_INDUSTRY: ("行业", "行业性协商"),
		c.SCOPE_REGIONAL: ("区域", "区域性协商"),
	},
	RESPONSE: {
		c.PENDING: ("", "未回应", "尚未回应", "未答复", "待答复", "待回复"),
		c.AGREED: ("同意", "已同意", "同意应约", "应约", "已应约"),
		c.REFUSED: ("拒绝", "不同意", "拒绝应约", "拒绝要约"),
	},
	DELIVERY_METHOD: {
		c.DELIVERY_BY_HAND: ("直接", "当面送达", "专人送达", "送达回执", "签收", "当面"),
		c.DELIVERY_BY_POST: ("邮寄", "挂号", "挂号信", "EMS", "快递", "邮政"),
		c.DELIVERY_ELECTRONIC: ("电子", "电子邮件", "邮件", "短信", "回复链接", "链接", "网上"),
		c.DELIVERY_OTHER: ("其它",),
		c.DELIVERY_UNRECORDED: ("未记录", "按发出日期计"),
	},
	KIND: {
		c.CONTRACT_KINDS[0]: ("综合性", "综合性集体协议", "集体合同"),
		c.CONTRACT_KINDS[1]: ("工资专项", "工资专项集体合同", "工资集体协议", "工资专项协议"),
		c.CONTRACT_KINDS[2]: ("技术工人薪酬专项", "技术工人薪酬专项协议", "技术工人薪酬集体协议"),
		c.CONTRACT_KINDS[3]: ("行业性", "行业性集体协议", "行业性工资集体协议", "行业性工资专项集体协议"),
		c.CONTRACT_KINDS[4]: ("区域性", "区域性集体协议", "区域性工资集体协议", "区域性工资专项集体协议"),
		c.CONTRACT_KINDS[5]: ("其他专项", "专项集体合同", "其他专项集体协议"),
	},
	STATUS: {
		SIGNED: (
			"已签订", "签订", "已签", "正常", "有效", "已生效", "生效", "已备案", "备案",
			*(state for state in c.CONTRACT_STATES if state != c.CONTRACT_CANCELLED),
		),
		CANCELLED: ("撤销", "已作废", "作废", "已取消", "取消", "已终止", "终止"),
	},
	RESULT: {
		talks.CONTINUE: ("", "继续", "协商中", "继续协商中", "未达成一致", "待续", "下次继续"),
		talks.SUSPEND: ("中止", "暂停", "暂停协商", "中止协商中", "暂缓", "暂缓协商"),
		talks.AGREE: ("一致", "已达成一致", "协商一致", "达成协议", "达成", "通过"),
	},
}


@cache
def _lookup(column):
	table = {}
	for value, spellings in SPELLINGS[column].items():
		for spelling in (value, *spellings):
			table[c.normalize_label(spelling)] = value
	return table


@lru_cache(maxsize=4096)
def meaning(column, text):
	"""The value `text` stands for in `column`, or None when it is not an accepted spelling."""
	return _lookup(column).get(c.normalize_label(text))


def accepted(column):
	"""The spellings to name in a message, values first."""
	words = []
	for value, spellings in SPELLINGS[column].items():
		words += [w for w in (value, *spellings) if w and w not in words]
	return words
