"""The sample ledger: a realistic 长沙市-and-neighbours workbook generated from a seed."""

import random
from datetime import date, timedelta

from springoffer.core import categories, clocks, credit_code
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
	DATE_SENT,
	DELIVERED_ON,
	DELIVERY_METHOD,
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
	SIGNING_DATE,
	START,
	STATUS,
	WORKERS,
)
from springoffer.core.ledger.template import _write_workbook

SAMPLE_CAMPAIGN = "2023年春季要约行动"

# (city, short name, division code) of the cities the sample covers
_SAMPLE_CITIES = (
	("长沙市", "长沙", "430100"),
	("株洲市", "株洲", "430200"),
	("湘潭市", "湘潭", "430300"),
	("衡阳市", "衡阳", "430400"),
	("岳阳市", "岳阳", "430600"),
	("常德市", "常德", "430700"),
	("郴州市", "郴州", "431000"),
	("怀化市", "怀化", "431200"),
	("娄底市", "娄底", "431300"),
	("湘西土家族苗族自治州", "湘西", "433100"),
)
_SAMPLE_COUNTIES = (("芙蓉区", "430102"), ("天心区", "430103"), ("岳麓区", "430104"))
_BRANDS = (
	"湘江", "洞庭", "韶峰", "潇湘", "楚天", "麓山", "星城", "雁峰", "桃源", "梅山", "紫鹊", "金穗", "宏达",
	"恒信", "鑫盛", "瑞丰", "华新", "兴湘", "三湘", "南岳", "舜华", "湘楚", "金凯", "远航", "通达", "福源",
	"银河", "天元", "鼎盛", "九嶷", "武陵", "沅澧", "资江", "莲城", "炎帝", "东江", "凤凰", "云溪", "君山",
)
_FOREIGN_BRANDS = ("德美", "中美", "新日", "韩星", "泰和", "欧亚", "港湘", "中德", "台丰", "新湘科")
_INDUSTRIES = (
	"机械制造", "电子科技", "食品加工", "建材", "物流", "纺织服饰", "化工", "汽车零部件", "医药", "印刷包装",
	"新材料", "软件技术", "酒店管理", "陶瓷", "竹木制品", "家居", "农业科技", "电力设备", "环保科技", "轨道交通装备",
)
_SAMPLE_REFUSALS = (
	("企业经营困难", "一季度订单下滑三成，申请暂缓至下半年协商"),
	("认为无协商必要", "企业认为工资已高于同行业水平"),
	("企业已有有效集体合同", "2022 年签订的集体合同尚在有效期内"),
	("职工方要求过高", "职工方提出涨薪 15%，企业无法承受"),
	("企业未建立工会", "企业尚未建会，不认可职工代表资格"),
)
_SAMPLE_HANDLINGS = (
	("督促企业应约", "区人社局发函督促企业在 15 日内书面回应"),
	("约谈企业负责人", "市人社局会同工会约谈企业负责人，企业承诺下季度启动协商"),
	("组织调解协调", "三方协调后双方同意以技术工人薪酬为议题先行协商"),
	("下达限期整改意见", "责令企业限期应约"),
)
_OVERDUE_HANDLING = ("督促企业应约", "工会已两次发函提醒，人社部门电话督促")


def _sample_enterprises(rng):
	"""[(code, name, category, region, employees, city short name)] — 60 enterprises, codes valid and unique."""
	plan = (
		[categories.STATE_OWNED] * 12
		+ [categories.PRIVATE] * 30
		+ [categories.FOREIGN] * 10
		+ [categories.OTHER] * 8
	)
	rng.shuffle(plan)
	bodies, names, found = set(), set(), []
	for index, category in enumerate(plan):
		# A quarter of the sample is in 长沙 (some in its districts), the rest spread over nine cities.
		if index % 4 == 0:
			city, short, division = _SAMPLE_CITIES[0]
			if index % 8 == 0:
				county, division = _SAMPLE_COUNTIES[(index // 8) % len(_SAMPLE_COUNTIES)]
				region = county
			else:
				region = city
		else:
			city, short, division = _SAMPLE_CITIES[1 + index % (len(_SAMPLE_CITIES) - 1)]
			region = city
		while True:
			industry = rng.choice(_INDUSTRIES)
			if category == categories.STATE_OWNED:
				name = rng.choice((f"湖南{rng.choice(_BRANDS)}{industry}集团有限公司", f"{short}市{rng.choice(_BRANDS)}{industry}有限责任公司"))
				employees = rng.randrange(300, 3000)
			elif category == categories.PRIVATE:
				name = f"{short}{rng.choice(_BRANDS)}{industry}{rng.choice(('有限公司', '有限公司', '股份有限公司'))}"
				employees = rng.randrange(40, 900)
			elif category == categories.FOREIGN:
				name = f"{short}{rng.choice(_FOREIGN_BRANDS)}{industry}有限公司"
				employees = rng.randrange(120, 1600)
			else:
				name = rng.choice(
					(
						f"{short}{rng.choice(_BRANDS)}{industry}合伙企业（有限合伙）",
						f"{short}{rng.choice(_BRANDS)}{industry}股份合作公司",
						f"{short}{rng.choice(_BRANDS)}种养专业合作社",
					)
				)
				employees = rng.randrange(15, 150)
			if name not in names:
				break
		names.add(name)
		kind = "3" if name.endswith("专业合作社") else "1"
		while True:
			if category == categories.STATE_OWNED:
				body = "".join(rng.choice("0123456789") for _ in range(8))
			else:
				body = "MA4" + "".join(rng.choice(credit_code.CHARSET) for _ in range(5))
			if body not in bodies:
				break
		bodies.add(body)
		code = credit_code.make_code(division=division, org_body=body, authority="9", kind=kind)
		found.append((code, name, category, region, employees, short))
	return found


def _catering(rng, taken_bodies):
	"""Six small 长沙 restaurants under one 行业性 offer (长沙市餐饮行业工资专项协商)."""
	brands = list(_BRANDS)
	rng.shuffle(brands)
	found = []
	bodies = set(taken_bodies)
	for index in range(6):
		region, division = _SAMPLE_COUNTIES[index % len(_SAMPLE_COUNTIES)]
		category = categories.PRIVATE if index < 4 else categories.OTHER
		while True:
			body = "MA4" + "".join(rng.choice(credit_code.CHARSET) for _ in range(5))
			if body not in bodies:
				break
		bodies.add(body)
		name = f"长沙{brands[index]}餐饮管理有限公司" if category == categories.PRIVATE else f"长沙{brands[index]}餐饮合伙企业（有限合伙）"
		found.append((credit_code.make_code(division=division, org_body=body), name, category, region, rng.randrange(25, 120), "长沙"))
	return found


def _sample_rows(seed):
	rng = random.Random(seed)
	start, end = date(2023, 3, 1), date(2023, 6, 30)
	enterprises = _sample_enterprises(rng)
	catering = _catering(rng, {e[0][8:16] for e in enterprises})
	everyone = enterprises + catering

	enterprise_rows = [
		{CODE: code, NAME: name, CATEGORY: category, REGION: region, EMPLOYEES: employees}
		for code, name, category, region, employees, _ in everyone
	]
	offer_rows, contract_rows = [], []
	counter = {"offer": 0, "contract": 0}

	def offer_no():
		counter["offer"] += 1
		return f"YY2023-{counter['offer']:03d}"

	def contract_no():
		counter["contract"] += 1
		return f"HT2023-{counter['contract']:03d}"

	def day(low, high):
		return low + timedelta(days=rng.randrange((high - low).days + 1))

	# Enterprises 0 … 53 get an offer, 54 … 57 none, 58 signs a contract without an offer, 59 none.
	outcomes = (
		["agreed"] * 34 + ["refused"] * 8 + ["overdue"] * 5 + ["pending"] * 4 + ["refused_then_agreed"] * 3
	)
	rng.shuffle(outcomes)
	cancelled_done = False
	for index, (code, _name, category, _region, employees, _short) in enumerate(enterprises[: len(outcomes)]):
		outcome = outcomes[index]
		workers = max(1, int(employees * rng.uniform(0.6, 1.0)))
		row = {CAMPAIGN: SAMPLE_CAMPAIGN, SCOPE: categories.SCOPE_SINGLE, CODE: code, WORKERS: workers}
		if outcome == "pending":  # sent in the last 20 days: not yet overdue on 30 June
			row.update({OFFER_NO: offer_no(), DATE_SENT: day(date(2023, 6, 12), date(2023, 6, 26)), RESPONSE: categories.PENDING})
			offer_rows.append(row)
			continue
		if outcome == "overdue":
			sent = day(date(2023, 3, 6), date(2023, 5, 20))
			row.update({OFFER_NO: offer_no(), DATE_SENT: sent})
			if rng.random() < 0.6:
				handling, detail = _OVERDUE_HANDLING
				row[HRSS_HANDLING] = f"{handling}：{detail}"
				row[HRSS_HANDLING_DATE] = min(end, clocks.response_due(sent) + timedelta(days=rng.randrange(3, 15)))
			offer_rows.append(row)
			continue
		if outcome in ("refused", "refused_then_agreed"):
			sent = day(date(2023, 3, 1), date(2023, 4, 20))
			answered = sent + timedelta(days=rng.randrange(3, 19))
			reason, detail = rng.choice(_SAMPLE_REFUSALS)
			row.update(
				{OFFER_NO: offer_no(), DATE_SENT: sent, RESPONSE: categories.REFUSED, RESPONSE_DATE: answered, REFUSAL_REASON: f"{reason}：{detail}"}
			)
			if outcome == "refused_then_agreed" or rng.random() < 0.7:
				handling, detail = rng.choice(_SAMPLE_HANDLINGS)
				row[HRSS_HANDLING] = f"{handling}：{detail}"
				row[HRSS_HANDLING_DATE] = answered + timedelta(days=rng.randrange(3, 12))
			offer_rows.append(row)
			if outcome == "refused":
				continue
			# After HRSS stepped in, the union offered again and the employer agreed.
			row = {CAMPAIGN: SAMPLE_CAMPAIGN, SCOPE: categories.SCOPE_SINGLE, CODE: code, WORKERS: min(employees, workers + rng.randrange(0, 30))}
			sent = answered + timedelta(days=rng.randrange(15, 30))
		else:
			sent = day(date(2023, 3, 1), date(2023, 5, 25))
		answered = sent + timedelta(days=rng.randrange(2, 18))
		row.update({OFFER_NO: offer_no(), DATE_SENT: sent, RESPONSE: categories.AGREED, RESPONSE_DATE: answered})
		offer_rows.append(row)
		signed = answered + timedelta(days=rng.randrange(10, 45))
		if signed > end or rng.random() < 0.12:
			continue  # still negotiating on 30 June
		kind = rng.choice(("工资专项集体协议", "工资专项集体协议", "综合性集体合同", "技术工人薪酬专项集体协议"))
		contract = {
			CONTRACT_NO: contract_no(),
			CAMPAIGN: SAMPLE_CAMPAIGN,
			KIND: kind,
			CODE: code,
			WORKERS: min(employees, row[WORKERS] + rng.randrange(0, 20)),
			SIGNING_DATE: signed,
			OFFER_NO: row[OFFER_NO],
		}
		if not cancelled_done and category == categories.PRIVATE:
			contract[STATUS] = CANCELLED
			contract[CANCELLATION_REASON] = "职工代表大会表决未通过，双方重新协商"
			cancelled_done = True
		contract_rows.append(contract)

	# One contract without an offer: the employer proposed renewing its expiring contract.
	code, _name, category, _region, employees, _short = enterprises[58]
	contract_rows.append(
		{
			CONTRACT_NO: contract_no(),
			CAMPAIGN: SAMPLE_CAMPAIGN,
			KIND: "综合性集体合同",
			CODE: code,
			WORKERS: max(1, employees - rng.randrange(0, 10)),
			SIGNING_DATE: date(2023, 4, 18),
		}
	)

	# The 行业性 offer of the 长沙 catering trade, answered by the trade association, and its contract.
	industry_offer = offer_no()
	sent = date(2023, 3, 15)
	answered = date(2023, 3, 28)
	industry_contract = contract_no()
	for code, _name, _category, _region, employees, _short in catering:
		workers = max(1, employees - rng.randrange(0, 8))
		offer_rows.append(
			{
				OFFER_NO: industry_offer,
				CAMPAIGN: SAMPLE_CAMPAIGN,
				SCOPE: categories.SCOPE_INDUSTRY,
				CODE: code,
				WORKERS: workers,
				DATE_SENT: sent,
				RESPONSE: categories.AGREED,
				RESPONSE_DATE: answered,
			}
		)
		contract_rows.append(
			{
				CONTRACT_NO: industry_contract,
				CAMPAIGN: SAMPLE_CAMPAIGN,
				KIND: "行业性集体合同",
				CODE: code,
				WORKERS: workers,
				SIGNING_DATE: date(2023, 5, 12),
				OFFER_NO: industry_offer,
			}
		)

	assert start <= min(r[DATE_SENT] for r in offer_rows) and max(r[DATE_SENT] for r in offer_rows) <= end
	_deliver(offer_rows, rng)
	return {
		ENTERPRISES: enterprise_rows,
		OFFERS: offer_rows,
		CONTRACTS: contract_rows,
		MEETINGS: _meetings(offer_rows, contract_rows, random.Random(f"{seed}-meetings"), end),
		REGIONS: [{REGION_NAME: county, PARENT_REGION: "长沙市"} for county, _ in _SAMPLE_COUNTIES],
		CAMPAIGNS: [{CAMPAIGN_NAME: SAMPLE_CAMPAIGN, START: start, END: end, DUE: end}],
	}


_MEETING_PLACES = ("企业会议室", "企业工会活动室", "行政楼二楼会议室")


def _meetings(offer_rows, contract_rows, rng, end):
	"""The 协商会议 rows of most agreed offers: one to three meetings after the answer, the last of a
	signed one reaching agreement before the signature; an unsigned one still talking or suspended."""
	signed = {row[OFFER_NO]: row[SIGNING_DATE] for row in contract_rows if row.get(OFFER_NO) and not row.get(STATUS)}
	rows, seen = [], set()
	for offer in offer_rows:
		number = offer[OFFER_NO]
		if number in seen or offer.get(RESPONSE) != categories.AGREED:
			continue
		seen.add(number)
		if rng.random() < 0.3:
			continue  # the ledger need not list every meeting
		answered = offer[RESPONSE_DATE]
		last = (signed[number] - timedelta(days=rng.randrange(3, 8))) if number in signed else min(end, answered + timedelta(days=rng.randrange(5, 40)))
		last = max(last, answered)
		count = min(rng.choice((1, 2, 2, 3)), (last - answered).days + 1)
		days = sorted(rng.sample(range((last - answered).days), count - 1)) if count > 1 else []
		final = "达成一致" if number in signed else rng.choice(("继续协商", "中止协商"))
		place = rng.choice(_MEETING_PLACES)
		held = [answered + timedelta(days=d) for d in days] + [last]
		for index, day in enumerate(held, start=1):
			rows.append({OFFER_NO: number, MEETING_DATE: day, PLACE: place, RESULT: final if index == len(held) else "继续协商"})
	return rows


def _deliver(offer_rows, rng):
	"""When each offer reached its employer: by hand on the day sent, or by post a few days later (never
	after its answer); one offer sent late in June is not delivered yet (no due date)."""
	delivered, undelivered = {}, None
	for row in offer_rows:
		number = row[OFFER_NO]
		if number not in delivered:
			if undelivered is None and row.get(RESPONSE) == categories.PENDING and row[DATE_SENT] >= date(2023, 6, 12):
				undelivered = number
				delivered[number] = (None, None)
			else:
				latest = row.get(RESPONSE_DATE) or row[DATE_SENT] + timedelta(days=6)
				received = min(latest, row[DATE_SENT] + timedelta(days=rng.randrange(0, 7)))
				method = categories.DELIVERY_BY_HAND if received == row[DATE_SENT] else categories.DELIVERY_BY_POST
				delivered[number] = (received, method)
		row[DELIVERED_ON], row[DELIVERY_METHOD] = delivered[number]


def write_sample(seed=2023):
	"""A realistic ledger of 2023年春季要约行动 across ten Hunan cities; the same records for the same seed."""
	return _write_workbook(_sample_rows(seed))
