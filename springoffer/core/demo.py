"""A realistic province for the demo (`bench --site S springoffer demo`), as plain data.

Deterministic for a seed and a day: all 14 市州, enterprises of the four categories spread over their
县市区, offers of the three scopes with answers, refusals with reasons and HRSS handling, contracts
meant for every review state, unit reports meant for every state, and the users of each body for the
province and three cities. Nothing here imports frappe; springoffer.devtools.demo writes it to a site.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from springoffer.core import categories as c
from springoffer.core import clocks, credit_code
from springoffer.core import negotiation as talks
from springoffer.core.regions import CITIES, PROVINCE, shipped_regions

EMAIL_DOMAIN = "demo.example.com"
PASSWORD = "Chunji@2026"
DEMO_CITIES = ("长沙市", "株洲市", "湘潭市")

# Latin names for the logins (pinyin), one per city.
CITY_LOGINS = {
	"湖南省": "hunan",
	"长沙市": "changsha",
	"株洲市": "zhuzhou",
	"湘潭市": "xiangtan",
}
BODY_LOGINS = {
	c.BODY_HRSS: "hrss",
	c.BODY_UNION: "union",
	c.BODY_ENTERPRISE_CONFEDERATION: "ec",
	c.BODY_COMMERCE: "fic",
}
# How each body's office is called in a city and in the province.
BODY_OFFICES = {
	c.BODY_HRSS: ("人社局", "人社厅"),
	c.BODY_UNION: ("总工会", "总工会"),
	c.BODY_ENTERPRISE_CONFEDERATION: ("企联", "企联"),
	c.BODY_COMMERCE: ("工商联", "工商联"),
}

# Share of the province's enterprises in each 市州 (roughly its share of employment).
CITY_WEIGHTS = {
	"长沙市": 22, "株洲市": 8, "湘潭市": 6, "衡阳市": 9, "邵阳市": 7, "岳阳市": 8, "常德市": 8,
	"张家界市": 3, "益阳市": 5, "郴州市": 7, "永州市": 6, "怀化市": 5, "娄底市": 4, "湘西土家族苗族自治州": 2,
}
CATEGORY_WEIGHTS = {c.STATE_OWNED: 14, c.PRIVATE: 66, c.FOREIGN: 7, c.OTHER: 13}

TRADE_NAMES = (
	"湘江", "岳麓", "星城", "麓山", "橘洲", "芙蓉", "金霞", "华天", "楚天", "潇湘", "洞庭", "衡岳", "南岳",
	"韶山", "莲城", "梅山", "武陵", "桃源", "沅江", "资江", "湘中", "湘南", "三湘", "神农", "舜德", "九嶷",
	"紫鹊", "雪峰", "崀山", "天门", "桃花", "金洲", "银河", "宏达", "兴业", "恒信", "鑫源", "瑞丰", "博远",
	"聚力", "同创", "远航", "顺发", "永安", "长青", "众成", "华亿", "盛世", "天润", "德邦", "嘉禾", "福临",
	"景程", "新湘", "汇通", "中诚", "金石", "云帆", "明德", "启航", "宏图", "万家", "利民", "安达", "诚信",
	"晨光", "恒达", "正和", "通衢", "绿源", "丰泽", "湘粤", "湘鄂", "湘赣", "长盛", "天成", "东方", "南方",
)
# (GB/T 4754 门类, business words, typical size range) — what Hunan's ledgers are full of.
BUSINESSES = (
	("C 制造业", ("机械制造", "工程机械配件", "汽车零部件", "电子科技", "新材料", "食品", "纺织服装", "陶瓷", "电气设备", "生物医药"), (60, 3000)),
	("E 建筑业", ("建筑工程", "路桥建设", "建设工程", "装饰工程"), (50, 1500)),
	("F 批发和零售业", ("商贸", "连锁超市", "医药连锁", "农资"), (20, 800)),
	("G 交通运输、仓储和邮政业", ("物流", "运输", "快递", "仓储"), (30, 1200)),
	("H 住宿和餐饮业", ("餐饮管理", "酒店管理"), (20, 600)),
	("I 信息传输、软件和信息技术服务业", ("软件", "信息技术", "网络科技", "数据服务"), (20, 900)),
	("L 租赁和商务服务业", ("物业服务", "人力资源服务", "商务服务"), (20, 1000)),
	("O 居民服务、修理和其他服务业", ("家政服务", "汽车维修", "洗涤服务"), (10, 300)),
	("B 采矿业", ("矿业", "石材"), (80, 2000)),
	("D 电力、热力、燃气及水生产和供应业", ("燃气", "供水", "电力"), (80, 1500)),
)
FOREIGN_MARKS = ("中德", "中日", "湘港", "中韩", "中新", "湘台", "中美", "中法")
OTHER_FORMS = ("股份合作公司", "合伙企业", "农民专业合作社")

REFUSAL_DETAILS = {
	"企业经营困难": ("订单下滑，今年暂无增资能力", "原材料涨价，利润大幅下降", "处于停产整顿期"),
	"认为无协商必要": ("企业认为工资已高于同行", "企业表示将自行调整工资"),
	"企业已有有效集体合同": ("现行集体合同至明年到期",),
	"职工方要求过高": ("职工方提出增幅 15%，企业只能接受 3%",),
	"企业未建立工会": ("企业尚未建会，拒绝与职工代表协商",),
	"其他": ("企业负责人长期不在岗",),
}
HANDLING_DETAILS = {
	"督促企业应约": "人社局劳动关系科电话督促，企业表示将研究",
	"约谈企业负责人": "约谈企业法定代表人，讲明应约义务",
	"下达限期整改意见": "下达限期整改意见书，限 15 日内应约",
	"组织调解协调": "会同工会、企联组织双方协调",
	"依法处理": "依法责令改正",
	"其他": "纳入下一年度重点督导",
}
FOLLOW_UP_METHODS = ("电话提醒", "上门督促", "书面提醒")

# How many contracts of the current campaign end up in each review state (the rest take effect).
CONTRACT_STATE_SHARES = (
	(c.CONTRACT_DRAFT, 0.05),
	(c.CONTRACT_SUBMITTED, 0.06),
	(c.CONTRACT_NEEDS_CORRECTION, 0.03),
	(c.CONTRACT_ACCEPTED, 0.04),
	(c.CONTRACT_UNDER_REVIEW, 0.04),
	(c.CONTRACT_APPROVED, 0.03),
	(c.CONTRACT_OBJECTED, 0.02),
	(c.CONTRACT_CANCELLED, 0.03),
)
# The workflow actions that take a contract from 草拟 to each state.
CONTRACT_PATHS = {
	c.CONTRACT_DRAFT: (),
	c.CONTRACT_SUBMITTED: ("报送",),
	c.CONTRACT_NEEDS_CORRECTION: ("报送", "要求补正"),
	c.CONTRACT_ACCEPTED: ("报送", "受理"),
	c.CONTRACT_UNDER_REVIEW: ("报送", "受理", "开始审查"),
	c.CONTRACT_APPROVED: ("报送", "受理", "开始审查", "审查通过"),
	c.CONTRACT_OBJECTED: ("报送", "受理", "开始审查", "提出异议"),
	c.CONTRACT_EFFECTIVE: ("报送", "受理", "开始审查", "审查通过", "确认生效"),
	c.CONTRACT_CANCELLED: ("撤销",),
}
REPORT_PATHS = {
	c.REPORT_DRAFT: (),
	c.REPORT_SUBMITTED: ("提交",),
	c.REPORT_APPROVED: ("提交", "审核通过"),
	c.REPORT_RETURNED: ("提交", "退回"),
}


@dataclass
class DemoUser:
	email: str
	full_name: str
	role: str
	body: str
	region: str | None  # None: province staff, not confined


@dataclass
class DemoCampaign:
	name: str
	year: int
	start: date
	end: date
	due: date


@dataclass
class DemoEnterprise:
	credit_code: str
	name: str
	category: str
	city: str
	region: str
	industry: str
	employees: int
	union_established: int
	flags: dict = field(default_factory=dict)


@dataclass
class DemoOffer:
	key: str
	campaign: str
	scope: str
	city: str
	region: str
	main_topic: str
	date_sent: date
	coverage: list  # [(credit_code, workers)]
	response: str = c.PENDING
	response_date: date | None = None
	refusal_reason: str = ""
	refusal_detail: str = ""
	hrss_handling: str = ""
	hrss_handling_date: date | None = None
	hrss_handling_detail: str = ""
	follow_ups: list = field(default_factory=list)  # [(date, method, note)]
	delivered_on: date | None = None
	delivery_method: str = ""
	postal_tracking_no: str = ""
	delivery_log: str = ""
	delivery_failure_reason: str = ""
	worker_chief: str = ""
	employer_chief: str = ""


@dataclass
class DemoContract:
	campaign: str
	offer_key: str
	kind: str
	city: str
	region: str
	coverage: list
	signing_date: date
	term_start: date
	term_end: date
	wage_adjustment: str
	wage_growth: float
	lowest_wage: int
	congress: tuple
	state: str
	submitted_on: date | None = None
	received_on: date | None = None
	objection: str = ""
	correction_note: str = ""
	late_reason: str = ""
	cancellation_reason: str = ""


@dataclass
class DemoMeeting:
	held_on: date
	chair: str
	place: str
	outcome: str
	topics: str
	record_text: str
	next_meeting_on: date | None = None
	suspension_reason: str = ""


@dataclass
class DemoCoordination:
	applicant: str
	applied_on: date
	dispute_facts: str
	accepted_on: date
	hrss_coordinator: str
	union_coordinator: str
	enterprise_coordinator: str
	extensions: list = field(default_factory=list)  # [(extended_on, days, reason)]
	closed_on: date | None = None
	result: str = ""
	remaining_issues: str = ""


@dataclass
class DemoNegotiation:
	"""The talks of one agreed offer: who sits at the table, the meetings held, and how far they got."""

	offer_key: str
	campaign: str
	city: str
	representatives: list  # [(side, name, is_chief, appointed_by, position)]
	recorder: str
	meetings: list  # [DemoMeeting], in order
	draft_agreed_on: date | None = None
	congress_voted_on: date | None = None
	congress: tuple = (None, None, None)  # (members, attending, approving)
	signed_on: date | None = None
	coordination: DemoCoordination | None = None

	def expected_state(self):
		return talks.state(
			signed=bool(self.signed_on),
			agreed=bool(self.draft_agreed_on),
			coordination_open=bool(self.coordination and not self.coordination.closed_on),
			meetings=[talks.Meeting(m.held_on, m.chair, m.outcome, m.next_meeting_on) for m in self.meetings],
		)


@dataclass
class DemoReport:
	campaign: str
	unit: str
	body: str
	state: str
	return_reason: str = ""


@dataclass
class DemoPlan:
	today: date
	campaigns: list
	users: list
	enterprises: list
	offers: list
	contracts: list
	reports: list
	negotiations: list = field(default_factory=list)

	def counts(self):
		return {
			"campaigns": len(self.campaigns),
			"users": len(self.users),
			"enterprises": len(self.enterprises),
			"offers": len(self.offers),
			"contracts": len(self.contracts),
			"reports": len(self.reports),
			"negotiations": len(self.negotiations),
		}


def short_city(city):
	"""长沙市 → 长沙, 湘西土家族苗族自治州 → 湘西."""
	if city.endswith("自治州"):
		return city[:2]
	return city[:-1] if city.endswith(("市", "州")) else city


def campaign_year(today):
	"""The campaign the demo fills: this year's once it has started (1 March), else last year's."""
	return today.year if today >= date(today.year, 3, 1) else today.year - 1


def make_campaign(year):
	return DemoCampaign(f"{year}年春季要约行动", year, date(year, 3, 1), date(year, 6, 30), date(year, 6, 30))


def make_users():
	"""Each body's officer for the province and three cities, and its province reviewer."""
	users = []
	for body, (officer, reviewer) in c.BODY_ROLES.items():
		city_office, province_office = BODY_OFFICES[body]
		for unit in (PROVINCE, *DEMO_CITIES):
			office = province_office if unit == PROVINCE else city_office
			users.append(
				DemoUser(
					f"{CITY_LOGINS[unit]}.{BODY_LOGINS[body]}@{EMAIL_DOMAIN}",
					f"{short_city(unit) if unit != PROVINCE else '湖南'}{office}经办人",
					officer,
					body,
					None if unit == PROVINCE else unit,
				)
			)
		users.append(
			DemoUser(f"hunan.{BODY_LOGINS[body]}.review@{EMAIL_DOMAIN}", f"湖南{province_office}审核人", reviewer, body, None)
		)
	return users


def _weighted(rng, weights):
	items = list(weights)
	return rng.choices(items, weights=[weights[i] for i in items])[0]


def _day(rng, start, end):
	if end <= start:
		return start
	return start + timedelta(days=rng.randint(0, (end - start).days))


class _Names:
	def __init__(self, rng):
		self.rng = rng
		self.used = set()

	def make(self, city, category, word):
		city_short = short_city(city)
		for attempt in range(50):
			trade = self.rng.choice(TRADE_NAMES)
			if category == c.STATE_OWNED:
				name = self.rng.choice((f"湖南{trade}{word}集团有限公司", f"{city_short}市{trade}{word}有限责任公司", f"{city_short}{trade}{word}国有控股有限公司"))
				if city.endswith("自治州"):
					name = name.replace(f"{city_short}市", city_short)
			elif category == c.FOREIGN:
				name = f"{self.rng.choice(FOREIGN_MARKS)}{trade}{word}（{city_short}）有限公司"
			elif category == c.OTHER:
				name = f"{city_short}{trade}{word}{self.rng.choice(OTHER_FORMS)}"
			else:
				name = f"{city_short}{trade}{word}有限公司"
			if attempt > 20:
				name = name.replace("有限", f"{attempt}号有限", 1)
			if name not in self.used:
				self.used.add(name)
				return name
		raise RuntimeError("out of enterprise names")


def make_enterprises(rng, count):
	"""`count` enterprises over the 14 市州, each in one of its 县市区 (or the city itself)."""
	regions = shipped_regions()
	codes = {row["name"]: row["code"] for row in regions}
	counties = {city: [row["name"] for row in regions if row["parent"] == city] for city in CITIES}
	names = _Names(rng)
	found = []
	for serial in range(count):
		city = _weighted(rng, CITY_WEIGHTS)
		region = rng.choice(counties[city]) if counties[city] and rng.random() < 0.85 else city
		category = _weighted(rng, CATEGORY_WEIGHTS)
		industry, words, (low, high) = rng.choice(BUSINESSES)
		if category == c.STATE_OWNED and rng.random() < 0.5:
			industry, words, (low, high) = BUSINESSES[rng.choice((1, 3, 9))]
		word = rng.choice(words)
		employees = int(min(high * 2, max(low // 2, rng.lognormvariate(4.6, 0.9))))
		# 统一社会信用代码: 9 (工商) 1 (企业), the county's division code, an organisation body DM + serial
		code = credit_code.make_code(division=codes[region], org_body=f"DM{serial:06d}")
		found.append(
			DemoEnterprise(
				credit_code=code,
				name=names.make(city, category, word),
				category=category,
				city=city,
				region=region,
				industry=industry,
				employees=max(employees, 8),
				union_established=int(rng.random() < (0.95 if category == c.STATE_OWNED else 0.6)),
				flags={
					"is_small_micro": int(employees < 100),
					"is_platform": int(word in ("网络科技", "快递") and rng.random() < 0.3),
					"is_wage_total_approval": int(category == c.STATE_OWNED and rng.random() < 0.4),
					"is_piece_rate": int(industry.startswith("C") and rng.random() < 0.3),
					"is_above_scale": int(employees >= 300),
				},
			)
		)
	return found


def _people(rng):
	surnames = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯"
	given = "建国志强海燕丽华晓明伟红军桂英秀兰文杰春生子涵浩然德胜玉梅国庆永红"
	return rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2))))


def make_offers(rng, campaign, enterprises, today, share, key_prefix):
	"""Offers of one campaign: a share of the enterprises reached, most singly, the small ones also
	through industry-wide and regional offers; answers, refusals and HRSS handling as of `today`."""
	last = min(campaign.end, today)
	by_region, by_city_industry = {}, {}
	for e in enterprises:
		by_region.setdefault(e.region, []).append(e)
		by_city_industry.setdefault((e.city, e.industry), []).append(e)
	chosen = [e for e in enterprises if rng.random() < share]
	offers, covered = [], set()

	def add(scope, members, region, city):
		sent = _day(rng, campaign.start, last)
		offer = DemoOffer(
			key=f"{key_prefix}{len(offers) + 1:05d}",
			campaign=campaign.name,
			scope=scope,
			city=city,
			region=region,
			main_topic=rng.choices(c.OFFER_TOPICS, weights=(60, 10, 8, 6, 5, 6, 5))[0],
			date_sent=sent,
			coverage=[(e.credit_code, max(1, int(e.employees * rng.uniform(0.7, 1.0)))) for e in members],
			worker_chief=_people(rng),
			employer_chief=_people(rng),
		)
		answer(rng, offer, today)
		offers.append(offer)
		covered.update(e.credit_code for e in members)

	# industry-wide offers among a city's small enterprises of one industry, regional ones in a county
	for (city, _industry), members in sorted(by_city_industry.items()):
		small = [e for e in members if e.employees < 150]
		if len(small) >= 4 and rng.random() < 0.5:
			group = rng.sample(small, min(len(small), rng.randint(3, 8)))
			add(c.SCOPE_INDUSTRY, group, city, city)
	for region, members in sorted(by_region.items()):
		small = [e for e in members if e.employees < 120 and e.credit_code not in covered]
		if len(small) >= 4 and rng.random() < 0.35:
			group = rng.sample(small, min(len(small), rng.randint(4, 10)))
			add(c.SCOPE_REGIONAL, group, region, group[0].city)
	for e in chosen:
		if e.credit_code not in covered:
			add(c.SCOPE_SINGLE, [e], e.region, e.city)
	return offers


RETURNED_LETTERS = ("查无此单位，邮件退回", "企业已搬迁，原址无人签收", "拒收，邮件退回")


def deliver(rng, offer, today):
	"""How the letter reached the employer: by hand that day against a signed receipt, by post a few
	days later, through the answer link; a few sent lately not yet confirmed, a few letters returned."""
	roll = rng.random()
	recent = (today - offer.date_sent).days <= 12
	if roll < 0.03:
		offer.delivery_method = c.DELIVERY_BY_POST
		offer.postal_tracking_no = f"1{rng.randrange(10**11, 10**12)}"
		offer.delivery_failure_reason = rng.choice(RETURNED_LETTERS)
		return
	if roll < 0.10 and recent:
		return  # sent, no receipt yet
	if roll < 0.55:
		offer.delivered_on, offer.delivery_method = offer.date_sent, c.DELIVERY_BY_HAND
	elif roll < 0.88:
		offer.delivered_on, offer.delivery_method = offer.date_sent + timedelta(days=rng.randint(2, 6)), c.DELIVERY_BY_POST
		offer.postal_tracking_no = f"1{rng.randrange(10**11, 10**12)}"
	else:
		offer.delivered_on, offer.delivery_method = offer.date_sent + timedelta(days=rng.randint(0, 2)), c.DELIVERY_ELECTRONIC
		offer.delivery_log = "企业通过回复链接输入统一社会信用代码打开要约书"
	offer.delivered_on = min(offer.delivered_on, today)


def answer(rng, offer, today):
	"""The employer's answer as of `today`, once the letter reached it: most agree, some refuse, a few
	stay unanswered."""
	deliver(rng, offer, today)
	if not offer.delivered_on:
		return
	received = offer.delivered_on
	due = clocks.response_due(received)
	roll = rng.random()
	latest = min(today, due + timedelta(days=10))
	if roll < 0.80 and latest >= received:
		offer.response = c.AGREED
		offer.response_date = _day(rng, received, min(latest, received + timedelta(days=18)))
	elif roll < 0.90 and latest >= received:
		offer.response = c.REFUSED
		offer.response_date = _day(rng, received, min(latest, received + timedelta(days=19)))
		offer.refusal_reason = rng.choices(c.REFUSAL_REASONS, weights=(35, 20, 10, 15, 15, 5))[0]
		offer.refusal_detail = rng.choice(REFUSAL_DETAILS[offer.refusal_reason])
		handle(rng, offer, offer.response_date, today)
	else:
		offer.response = c.PENDING
		follow_up = offer.date_sent + timedelta(days=rng.randint(7, 15))
		if follow_up <= today:
			offer.follow_ups.append((follow_up, rng.choice(FOLLOW_UP_METHODS), "提醒企业在法定期限内书面回应"))
		if due < today:
			handle(rng, offer, due + timedelta(days=1), today)


def handle(rng, offer, since, today):
	"""HRSS records its handling of about half the refusals and overdue offers."""
	if rng.random() < 0.5 and since + timedelta(days=3) <= today:
		offer.hrss_handling = rng.choice(c.HRSS_HANDLINGS[:5])
		offer.hrss_handling_date = _day(rng, since + timedelta(days=3), min(today, since + timedelta(days=30)))
		offer.hrss_handling_detail = HANDLING_DETAILS[offer.hrss_handling]


def make_contracts(rng, campaign, offers, enterprises, today, share, settle_all=False):
	"""Contracts signed after agreed offers; the current campaign's spread over every review state."""
	sizes = {e.credit_code: e.employees for e in enterprises}
	contracts = []
	for offer in offers:
		if offer.response != c.AGREED or rng.random() >= share:
			continue
		state = c.CONTRACT_EFFECTIVE if settle_all else _contract_state(rng)
		signed, submitted, received = _contract_days(rng, state, offer.response_date, today)
		if signed is None:
			continue
		kind = {
			c.SCOPE_INDUSTRY: "行业性集体合同",
			c.SCOPE_REGIONAL: "区域性集体合同",
		}.get(offer.scope) or rng.choices(c.CONTRACT_KINDS[:3], weights=(35, 55, 10))[0]
		adjustment = rng.choices(c.WAGE_ADJUSTMENTS, weights=(92, 7, 1))[0]
		growth = {c.WAGE_RISE: round(rng.uniform(2.5, 9.0), 1), c.WAGE_FREEZE: 0.0, c.WAGE_CUT: -round(rng.uniform(1, 3), 1)}[adjustment]
		members = max(sizes.get(code, 50) for code, _w in offer.coverage)
		congress_total = min(members, rng.randint(30, 120))
		attending = rng.randint(-(-congress_total * 2 // 3), congress_total)
		approving = rng.randint(congress_total // 2 + 1, attending)
		term_years = rng.choice((1, 2, 3))
		contract = DemoContract(
			campaign=campaign.name,
			offer_key=offer.key,
			kind=kind,
			city=offer.city,
			region=offer.region,
			coverage=list(offer.coverage),
			signing_date=signed,
			term_start=signed,
			term_end=signed.replace(year=signed.year + term_years) - timedelta(days=1),
			wage_adjustment=adjustment,
			wage_growth=growth,
			lowest_wage=rng.choice((1800, 1900, 2000, 2100, 2200, 2400, 2600)),
			congress=(congress_total, attending, approving),
			state=state,
		)
		contract.submitted_on, contract.received_on = submitted, received
		if state == c.CONTRACT_EFFECTIVE and clocks.takes_effect_on(received) > today:
			contract.state = c.CONTRACT_ACCEPTED  # signed lately: HRSS's 15 days still running
		if contract.submitted_on and (contract.submitted_on - signed).days > 10:
			contract.late_reason = "职工代表大会表决材料补充后报送"
		if state == c.CONTRACT_OBJECTED:
			contract.objection = "最低工资条款表述不清，请补充各岗位最低工资标准"
		if state == c.CONTRACT_NEEDS_CORRECTION:
			contract.correction_note = "请补充职工代表大会决议原件扫描件"
		if state == c.CONTRACT_CANCELLED:
			contract.cancellation_reason = "企业合并重组，双方同意撤销后重新协商"
		contracts.append(contract)
	return contracts


IN_HRSS_HANDS = (c.CONTRACT_ACCEPTED, c.CONTRACT_UNDER_REVIEW, c.CONTRACT_APPROVED, c.CONTRACT_OBJECTED)


def _contract_days(rng, state, agreed_on, today):
	"""(signed, submitted, received) for a contract meant to end in `state`: one in effect was signed
	within two months of the answer and reported within the 10 days; one still under way was
	signed in the last weeks, so its clocks are running today. None when the days do not fit."""
	earliest = agreed_on + timedelta(days=7)
	if state == c.CONTRACT_EFFECTIVE:
		signed = _day(rng, earliest, min(today, agreed_on + timedelta(days=60)))
		submitted = min(today, signed + timedelta(days=rng.randint(1, 9)))
		received = min(today, submitted + timedelta(days=rng.randint(0, 3)))
	elif state in IN_HRSS_HANDS:  # received in the last ten days: inside HRSS's 15
		received = today - timedelta(days=rng.randint(0, 10))
		submitted = received - timedelta(days=rng.randint(0, 3))
		signed = submitted - timedelta(days=rng.randint(1, 9))
	elif state in (c.CONTRACT_SUBMITTED, c.CONTRACT_NEEDS_CORRECTION):
		received = None
		submitted = today - timedelta(days=rng.randint(0, 6))
		signed = submitted - timedelta(days=rng.randint(1, 9))
	else:  # a draft, or one cancelled before it was reported
		received = submitted = None
		signed = today - timedelta(days=rng.randint(2, 9))
	if signed < earliest or signed > today:
		return None, None, None
	return signed, submitted, received


def _contract_state(rng):
	roll, total = rng.random(), 0.0
	for state, share in CONTRACT_STATE_SHARES:
		total += share
		if roll < total:
			return state
	return c.CONTRACT_EFFECTIVE


def make_reports(rng, campaign):
	"""A report for the province and each 市州 from each body: most approved or submitted, some
	returned, some still drafts — and every state among the demo's own three cities."""
	reports = []
	states = (c.REPORT_APPROVED, c.REPORT_SUBMITTED, c.REPORT_RETURNED, c.REPORT_DRAFT)
	for unit in CITIES:
		for i, body in enumerate(c.REPORTING_BODIES):
			if unit in DEMO_CITIES:
				state = states[(DEMO_CITIES.index(unit) + i) % len(states)]
			else:
				state = rng.choices(states, weights=(55, 25, 5, 15))[0]
			reason = "拒绝协商企业的原因说明不完整，请补充人社部门处理情况" if state == c.REPORT_RETURNED else ""
			reports.append(DemoReport(campaign.name, unit, body, state, reason))
	for body in c.REPORTING_BODIES:
		reports.append(DemoReport(campaign.name, PROVINCE, body, c.REPORT_DRAFT))
	return reports


CLOSED_PER_CITY = 2  # enterprises marked 已注销 / 已合并, so next spring's worklist has some to leave out


def close_some(enterprises, offers, today):
	"""Mark, in each demo city, one enterprise not offered this spring closed and one merged into the
	city's first enterprise (which is never marked)."""
	offered = {code for offer in offers for code, _workers in offer.coverage}
	first = {}
	for e in enterprises:
		first.setdefault(e.city, e)
	marked = {}
	for e in enterprises:
		if e.city not in DEMO_CITIES or e is first[e.city] or e.credit_code in offered or marked.get(e.city, 0) >= CLOSED_PER_CITY:
			continue
		n = marked.get(e.city, 0)
		on = str(today - timedelta(days=20 + n))
		if n == 0:
			e.flags.update(operating_status="已注销", status_date=on)
		else:
			e.flags.update(operating_status="已合并", status_date=on, merged_into=first[e.city].credit_code)
		marked[e.city] = n + 1


def build(today, enterprises=2400, seed=2023):
	"""The whole demo for `today`: this year's campaign (or last year's before 1 March) filled, and the
	campaign before it with fewer offers, so the 附件 has a 同比 to show."""
	rng = random.Random(seed)
	year = campaign_year(today)
	current, previous = make_campaign(year), make_campaign(year - 1)
	found = make_enterprises(rng, enterprises)
	old_offers = make_offers(rng, previous, found, today, 0.35, "P")
	old_contracts = make_contracts(rng, previous, old_offers, found, today, 0.55, settle_all=True)
	offers = make_offers(rng, current, found, today, 0.5, "C")
	contracts = make_contracts(rng, current, offers, found, today, 0.6)
	close_some(found, offers, today)
	reports = make_reports(rng, current)
	# the talks draw from a generator of their own: the rest of the province is what it was before them
	negotiations = make_negotiations(random.Random(f"{seed}-negotiations"), old_offers + offers, old_contracts + contracts, current, today)
	return DemoPlan(
		today=today,
		campaigns=[previous, current],
		users=make_users(),
		enterprises=found,
		offers=old_offers + offers,
		contracts=old_contracts + contracts,
		reports=reports,
		negotiations=negotiations,
	)


# --- the talks between 同意协商 and the signature (集体合同规定 Chapters 3, 4 and 7) -------------------

MEETING_PLACES = ("企业行政楼会议室", "企业工会活动室", "企业二楼小会议室", "园区职工服务中心", "企业党群活动中心")
TOPIC_DETAILS = {
	"工资调整": "年度工资增长幅度、最低工资标准、工资支付时间",
	"计件单价与劳动定额": "主要工序计件单价、劳动定额水平及调整办法",
	"技术工人薪酬": "技能等级津贴、技术工人工资增长幅度",
	"休息休假": "加班安排与补休、带薪年休假",
	"劳动安全卫生": "高温津贴、劳动防护用品、职业健康检查",
	"新就业形态劳动者权益": "订单单价、抽成比例、休息时间与职业伤害保障",
	"其他": "职工福利、培训与职业发展",
}
WORKER_POSITIONS = ("工会委员", "职工代表", "车间班组长", "技术骨干", "女职工委员")
EMPLOYER_POSITIONS = ("人力资源部经理", "财务部经理", "生产部经理", "行政部主任", "副总经理")
SUSPENSION_REASONS = (
	"企业需核算人工成本，双方约定核算后再议",
	"双方对工资增幅分歧较大，企业需报董事会研究",
	"企业正在进行生产调整，双方同意暂缓协商",
	"职工方需征求职工意见后再行协商",
)
DISPUTES = (
	"双方对年度工资增长幅度分歧较大，经三次协商未能达成一致，职工方申请协调处理",
	"企业方认为职工方提出的计件单价调整幅度超出承受能力，协商陷入僵局",
	"企业以经营困难为由拒绝继续协商，人社部门依职权介入协调",
)
RESULTS = (
	"经协调，双方同意年度工资增长 4%，其余事项继续协商",
	"经协调，双方就最低工资标准达成一致，工资增幅待企业半年经营数据出来后再议",
)
# Shares of the agreed offers without a contract, by where their talks stand (the rest reached agreement).
OPEN_TALKS = (
	("no meeting", 0.08),
	("recent", 0.30),
	("quiet", 0.10),
	("suspended", 0.12),
	("suspended, past", 0.05),
)
COORDINATIONS = ("overdue", "open", "extended", "closed")
# Last year's unsigned talks: their meetings fall within this many days of the answer.
LAST_SEASON_DAYS = 120


def _unique_names(rng, taken, count):
	found = []
	while len(found) < count:
		name = _people(rng)
		if name not in taken:
			taken.add(name)
			found.append(name)
	return found


def _table(rng, offer):
	"""Equal sides of three to five, the offer's two chiefs among them, and a neutral recorder."""
	taken = {offer.worker_chief}
	if offer.employer_chief in taken:  # one person cannot sit on both sides (Art. 24)
		offer.employer_chief = _unique_names(rng, taken, 1)[0]
	taken.add(offer.employer_chief)
	per_side = rng.choice((3, 3, 3, 4, 5))
	rows = [(talks.WORKER_SIDE, offer.worker_chief, 1, "工会选派", "工会主席")]
	rows += [
		(talks.WORKER_SIDE, name, 0, rng.choice(("工会选派", "职工民主推荐")), rng.choice(WORKER_POSITIONS))
		for name in _unique_names(rng, taken, per_side - 1)
	]
	rows.append((talks.EMPLOYER_SIDE, offer.employer_chief, 1, rng.choice(("法定代表人担任", "法定代表人指派")), "总经理"))
	rows += [(talks.EMPLOYER_SIDE, name, 0, "法定代表人指派", rng.choice(EMPLOYER_POSITIONS)) for name in _unique_names(rng, taken, per_side - 1)]
	return rows, _unique_names(rng, taken, 1)[0]


def _meeting_days(rng, first, last, count):
	"""`count` distinct days from `first` to `last`, the last one on `last` (fewer when they do not fit)."""
	span = (last - first).days
	if span < 0:
		return []
	count = min(count, span + 1)
	days = sorted(rng.sample(range(span), count - 1)) if count > 1 else []
	return [first + timedelta(days=d) for d in days] + [last]


def _meetings(rng, offer, days, chiefs, final, next_meeting=None, reason=""):
	"""Meetings on `days`, chaired by the two chiefs in turn; all continue the talks but the last,
	which ends as `final`."""
	topic = f"{offer.main_topic}：{TOPIC_DETAILS.get(offer.main_topic, TOPIC_DETAILS['其他'])}"
	place = rng.choice(MEETING_PLACES)
	start = rng.randrange(2)
	found = []
	for number, day in enumerate(days, start=1):
		outcome = final if number == len(days) else talks.CONTINUE
		chair = chiefs[(start + number - 1) % 2]
		record = {
			talks.CONTINUE: f"第{number}次协商：职工方就{offer.main_topic}提出具体方案，企业方逐项回应，双方同意下次会议继续协商。",
			talks.SUSPEND: f"第{number}次协商：双方分歧较大，经协商一致中止协商，约定下次会议时间。",
			talks.AGREE: f"第{number}次协商：双方就{offer.main_topic}各项条款达成一致，形成集体合同草案，由双方首席代表签字后提交职工代表大会审议。",
		}[outcome]
		found.append(
			DemoMeeting(
				held_on=day,
				chair=chair,
				place=place,
				outcome=outcome,
				topics=topic,
				record_text=record,
				next_meeting_on=next_meeting if outcome == talks.SUSPEND else None,
				suspension_reason=reason if outcome == talks.SUSPEND else "",
			)
		)
	return found


def _signed(rng, talk, offer, contract, chiefs):
	"""Talks that ended in the contract: the draft agreed at the last meeting, the congress vote on it,
	the signature on the contract's day, with the contract's vote."""
	signed = contract.signing_date
	voted = signed - timedelta(days=rng.randint(0, min(3, (signed - offer.response_date).days - 1)))
	last = voted - timedelta(days=rng.randint(1, max(1, min(5, (voted - offer.response_date).days))))
	if last < offer.response_date:
		last = offer.response_date
	days = _meeting_days(rng, offer.response_date + timedelta(days=min(3, (last - offer.response_date).days)), last, rng.choice((1, 2, 2, 3)))
	talk.meetings = _meetings(rng, offer, days, chiefs, talks.AGREE)
	talk.draft_agreed_on, talk.congress_voted_on, talk.signed_on = last, voted, signed
	talk.congress = contract.congress


def _open(rng, talk, offer, kind, chiefs, today):
	"""Talks still under way today, as `kind` says."""
	answered = offer.response_date
	if kind == "no meeting":
		return
	if kind == "recent":
		last = today - timedelta(days=rng.randint(1, 25))
		final, next_meeting, reason = talks.CONTINUE, None, ""
	elif kind == "quiet":  # no meeting for more than 30 days: stalled
		last = today - timedelta(days=rng.randint(35, 80))
		final, next_meeting, reason = talks.CONTINUE, None, ""
	elif kind == "suspended":
		last = today - timedelta(days=rng.randint(5, 25))
		final, next_meeting, reason = talks.SUSPEND, today + timedelta(days=rng.randint(3, 30)), rng.choice(SUSPENSION_REASONS)
	elif kind == "suspended, past":  # the agreed next meeting passed without one: stalled
		last = today - timedelta(days=rng.randint(30, 60))
		final, next_meeting, reason = talks.SUSPEND, last + timedelta(days=rng.randint(10, 25)), rng.choice(SUSPENSION_REASONS)
	else:  # agreed: the draft is signed, the workers' congress has still to vote
		last = answered + timedelta(days=rng.randint(7, 45))
		final, next_meeting, reason = talks.AGREE, None, ""
	last = max(answered, min(last, today))
	if next_meeting is not None and next_meeting <= last:
		next_meeting = last + timedelta(days=7)
	days = _meeting_days(rng, answered + timedelta(days=min(5, (last - answered).days)), last, rng.choice((1, 2, 3)))
	talk.meetings = _meetings(rng, offer, days, chiefs, final, next_meeting, reason)
	if final == talks.AGREE:
		talk.draft_agreed_on = last


def _coordinate(rng, talk, offer, kind, chiefs, today):
	"""A dispute HRSS coordinates with the union and the enterprise organisation: `overdue` accepted
	more than 30 days ago and not closed; `open` within its 30 days; `extended` once by 15 days;
	`closed` with its result, the talks going on after it."""
	accepted = today - timedelta(days={"overdue": 50, "open": 10, "extended": 38, "closed": 70}[kind])
	applied = accepted - timedelta(days=rng.randint(1, 4))
	last = applied - timedelta(days=rng.randint(2, 10))
	first = max(offer.response_date, last - timedelta(days=40))
	days = _meeting_days(rng, first, last, rng.choice((2, 3)))
	talk.meetings = _meetings(rng, offer, days, chiefs, talks.SUSPEND, last + timedelta(days=14), "双方分歧较大，一方申请协调处理")
	city = short_city(offer.city)
	talk.coordination = DemoCoordination(
		applicant=rng.choice((talks.WORKER_SIDE, talks.EMPLOYER_SIDE, "人力资源社会保障部门")),
		applied_on=applied,
		dispute_facts=rng.choice(DISPUTES),
		accepted_on=accepted,
		hrss_coordinator=f"{city}市人社局劳动关系科 {_people(rng)}".replace("市市", "市"),
		union_coordinator=f"{city}市总工会 {_people(rng)}".replace("市市", "市"),
		enterprise_coordinator=f"{city}市企联 {_people(rng)}".replace("市市", "市"),
	)
	if kind == "extended":
		talk.coordination.extensions.append((accepted + timedelta(days=25), 15, "双方同意补充提供经营数据，延长协调期限"))
	if kind == "closed":
		closed = accepted + timedelta(days=rng.randint(15, 25))
		talk.coordination.closed_on, talk.coordination.result = closed, rng.choice(RESULTS)
		talk.coordination.remaining_issues = "高温津贴标准、带薪年休假安排由双方继续协商"
		resumed = closed + timedelta(days=rng.randint(5, 15))
		if resumed <= today:  # the talks go on after the coordination, chaired by the other chief
			previous = talk.meetings[-1]
			talk.meetings.append(
				DemoMeeting(
					held_on=resumed,
					chair=chiefs[1] if previous.chair == chiefs[0] else chiefs[0],
					place=previous.place,
					outcome=talks.CONTINUE,
					topics=previous.topics,
					record_text=f"第{len(talk.meetings) + 1}次协商：根据《协调处理协议书》恢复协商，双方就未决事项交换意见，同意继续协商。",
				)
			)


def _pick(rng, shares):
	roll, total = rng.random(), 0.0
	for kind, share in shares:
		total += share
		if roll < total:
			return kind
	return "agreed"


def make_negotiations(rng, offers, contracts, current, today):
	"""A negotiation for each agreed offer: signed ones with their contract's draft, vote and day;
	the current campaign's others agreed, under way, quiet, suspended (some past their next meeting)
	or not yet met, and a few in coordination in the demo's cities (one overdue, one closed);
	last year's others reached agreement or were left suspended."""
	signed = {}
	for contract in contracts:
		signed.setdefault(contract.offer_key, contract)
	found = []
	coordinations = list(COORDINATIONS)
	for offer in offers:
		if offer.response != c.AGREED or not offer.response_date:
			continue
		rows, recorder = _table(rng, offer)
		talk = DemoNegotiation(offer.key, offer.campaign, offer.city, rows, recorder, [])
		chiefs = [offer.worker_chief, offer.employer_chief]
		contract = signed.get(offer.key)
		old_enough = (today - offer.response_date).days >= 90
		if contract:
			_signed(rng, talk, offer, contract, chiefs)
		elif offer.campaign == current.name and coordinations and offer.city in DEMO_CITIES and old_enough and rng.random() < 0.2:
			_coordinate(rng, talk, offer, coordinations.pop(0), chiefs, today)
		elif offer.campaign == current.name:
			_open(rng, talk, offer, _pick(rng, OPEN_TALKS), chiefs, today)
		else:  # last year's talks ended within their own season, not in this one
			season_end = min(today, offer.response_date + timedelta(days=LAST_SEASON_DAYS))
			_open(rng, talk, offer, "suspended, past" if rng.random() < 0.1 else "agreed", chiefs, season_end)
		found.append(talk)
	return found
