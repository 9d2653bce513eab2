"""Bad input to the records, as one table: each is refused with a Chinese message that says what to
fix, and afterwards nothing was saved or changed.

A case is (who acts, what they do, the Chinese words the refusal must contain). "What they do" is
one of: insert a record built from a good one with some fields changed; change a saved record;
call a whitelisted method. The check that nothing changed compares the record counts of every
DocType involved (inserts) or the saved record (changes) before and after.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from springoffer.core import categories as c
from springoffer.core import credit_code
from springoffer.devtools.testing import make_campaign, make_enterprise, make_user, unique_code

CAMPAIGN = "坏输入测试活动"  # 2023-03-01 … 2023-06-30
CITY_UNION = "bad.zz.union@example.com"  # 株洲市
CITY_HRSS = "bad.zz.hrss@example.com"
UNION_REVIEWER = "bad.union.reviewer@example.com"  # province
PROVINCE = "Administrator"


def enterprise(fixture=None, **values):
	return {
		"doctype": "Enterprise",
		"enterprise_name": "坏输入测试企业",
		"credit_code": unique_code("430200"),
		"report_category": c.PRIVATE,
		"region": "株洲市",
		"employees": 100,
		**values,
	}


def offer(fixture, **values):
	return {
		"doctype": "Offer",
		"campaign": CAMPAIGN,
		"scope": c.SCOPE_SINGLE,
		"date_sent": "2023-03-10",
		"covered_enterprises": [{"enterprise": fixture["inside"], "covered_workers": 50}],
		**values,
	}


def contract(fixture, **values):
	return {
		"doctype": "Contract",
		"campaign": CAMPAIGN,
		"contract_kind": c.CONTRACT_KINDS[1],
		"signing_date": "2023-05-20",
		"term_start": "2023-05-20",
		"term_end": "2024-05-19",
		"covered_enterprises": [{"enterprise": fixture["inside"], "covered_workers": 50}],
		**values,
	}


def unit_report(fixture, **values):
	return {
		"doctype": "Unit Report",
		"campaign": CAMPAIGN,
		"reporting_unit": "株洲市",
		"reporting_body": c.BODY_UNION,
		"as_of_date": "2023-06-30",
		"work_summary": "<p>工作总结</p>",
		**values,
	}


def refusal(fixture, **values):
	return {"doctype": "Unit Report Refusal", "enterprise_name": "某公司", "report_category": c.PRIVATE, "refusal_kind": c.REFUSED, "reason": "其他", **values}


def row(category=c.PRIVATE, **figures):
	return {"report_category": category, **figures}


def wrong_check_digit():
	good = credit_code.make_code("430200", "MA4L0G07")
	return good[:-1] + ("0" if good[-1] != "0" else "1")


# case → (user, action, words the message must contain). Actions:
#   ("insert", builder, {field: value})            insert a record built by builder(fixture, **values)
#   ("change", fixture key, {field: value})        load that saved record, set the fields, save
#   ("call", method, {arg: value})                 call a whitelisted method as a request would
CASES = {
	# Enterprise
	"credit code of 17 characters": (CITY_UNION, ("insert", enterprise, {"credit_code": "91430200MA4L0G07"}), "18"),
	"credit code with a wrong check digit": (CITY_UNION, ("insert", enterprise, {"credit_code": wrong_check_digit()}), "校验"),
	"credit code with letters the standard excludes": (CITY_UNION, ("insert", enterprise, {"credit_code": "91430200MA4L0GI07Q"}), "统一社会信用代码"),
	"credit code already registered": (CITY_UNION, ("insert", enterprise, {"credit_code": "@inside"}), "已"),
	"unknown report category": (CITY_UNION, ("insert", enterprise, {"report_category": "集体所有制企业"}), "企业类型"),
	"unknown region": (CITY_UNION, ("insert", enterprise, {"region": "北京市"}), "北京市"),
	"enterprise in another city": (CITY_UNION, ("insert", enterprise, {"region": "长沙市"}), "长沙市"),
	"negative employee count": (CITY_UNION, ("insert", enterprise, {"employees": -5}), "职工人数"),
	"employee count in words": (CITY_UNION, ("insert", enterprise, {"employees": "三百"}), "职工人数"),
	"enterprise without a name": (CITY_UNION, ("insert", enterprise, {"enterprise_name": "  "}), "企业名称"),
	# Offer
	"offer without enterprises": (CITY_UNION, ("insert", offer, {"covered_enterprises": []}), "要约"),
	"offer covering another city's enterprise": (CITY_UNION, ("insert", offer, {"covered_enterprises": [{"enterprise": "@outside", "covered_workers": 10}]}), "长沙市"),
	"offer with zero covered workers": (CITY_UNION, ("insert", offer, {"covered_enterprises": [{"enterprise": "@inside", "covered_workers": 0}]}), "覆盖职工"),
	"offer with negative covered workers": (CITY_UNION, ("insert", offer, {"covered_enterprises": [{"enterprise": "@inside", "covered_workers": -3}]}), "覆盖职工"),
	"offer covering more workers than the enterprise has": (CITY_UNION, ("insert", offer, {"covered_enterprises": [{"enterprise": "@inside", "covered_workers": 5000}]}), "职工"),
	"covered workers in words": (CITY_UNION, ("insert", offer, {"covered_enterprises": [{"enterprise": "@inside", "covered_workers": "五十"}]}), "覆盖职工"),
	"offer sent before the campaign": (CITY_UNION, ("insert", offer, {"date_sent": "2023-01-05"}), "活动"),
	"offer sent after the campaign": (CITY_UNION, ("insert", offer, {"date_sent": "2023-08-01"}), "活动"),
	"offer answered before it was sent": (CITY_UNION, ("insert", offer, {"response": c.AGREED, "response_date": "2023-03-01"}), "早于"),
	"answer without a date": (CITY_UNION, ("insert", offer, {"response": c.AGREED}), "回应日期"),
	"refusal without a reason": (CITY_UNION, ("insert", offer, {"response": c.REFUSED, "response_date": "2023-03-20"}), "拒绝原因"),
	"unknown response": (CITY_UNION, ("insert", offer, {"response": "考虑中"}), "回应"),
	"delivered before it was sent": (CITY_UNION, ("insert", offer, {"delivered_on": "2023-03-09", "delivery_method": c.DELIVERY_BY_HAND}), "早于发出日期"),
	"delivered in the future": (CITY_UNION, ("insert", offer, {"delivered_on": "2099-03-09", "delivery_method": c.DELIVERY_BY_POST}), "在今天之后"),
	"delivery date without its method": (CITY_UNION, ("insert", offer, {"delivered_on": "2023-03-12"}), "送达方式"),
	"unknown delivery method": (CITY_UNION, ("insert", offer, {"delivered_on": "2023-03-12", "delivery_method": "飞鸽传书"}), "送达方式"),
	"unknown campaign": (CITY_UNION, ("insert", offer, {"campaign": "2099年春季要约行动"}), "2099年春季要约行动"),
	"HRSS changes the offer's content": (CITY_HRSS, ("change", "offer", {"date_sent": "2023-03-11"}), "人社"),
	# Contract
	"term ending before it starts": (CITY_UNION, ("insert", contract, {"term_end": "2023-05-01"}), "期限"),
	"term longer than three years": (CITY_UNION, ("insert", contract, {"term_end": "2027-05-19"}), "3"),
	"lowest wage below the minimum wage": (CITY_UNION, ("insert", contract, {"lowest_monthly_wage": 1000}), "最低工资"),
	"congress attendance under two thirds": (CITY_UNION, ("insert", contract, {"congress_members": 90, "congress_attending": 50, "congress_approving": 40}), "三分之二"),
	"more approving than attending": (CITY_UNION, ("insert", contract, {"congress_members": 90, "congress_attending": 70, "congress_approving": 80}), "出席"),
	"wage cut without consent": (CITY_UNION, ("insert", contract, {"wage_adjustment": c.WAGE_ADJUSTMENTS[2], "wage_growth_percent": -3}), "同意"),
	"contract covering another city's enterprise": (CITY_UNION, ("insert", contract, {"covered_enterprises": [{"enterprise": "@outside", "covered_workers": 10}]}), "长沙市"),
	# Unit Report, typed in
	"more responded than offered": (CITY_UNION, ("insert", unit_report, {"rows": [row(offered_enterprises=2, offered_workers=30, responded_enterprises=3, responded_workers=40)]}), "回应"),
	"fewer workers than enterprises": (CITY_UNION, ("insert", unit_report, {"rows": [row(offered_enterprises=5, offered_workers=3)]}), "职工"),
	"workers without enterprises": (CITY_UNION, ("insert", unit_report, {"rows": [row(offered_enterprises=0, offered_workers=30)]}), "职工"),
	"negative figures": (CITY_UNION, ("insert", unit_report, {"rows": [row(offered_enterprises=-1)]}), "负"),
	"a refusal added to an approved report": (CITY_UNION, ("insert", refusal, {"unit_report": "@approved_report"}), "草稿或退回"),
	"another body's report": (CITY_UNION, ("insert", unit_report, {"reporting_body": c.BODY_HRSS}), "人力资源和社会保障部门"),
	"another city's report": (CITY_UNION, ("insert", unit_report, {"reporting_unit": "长沙市"}), "长沙市"),
	"editing an approved report": (UNION_REVIEWER, ("change", "approved_report", {"remarks": "改个数"}), "不能再修改"),
	"approving one's own report": (UNION_REVIEWER, ("call", "apply_workflow", {"doc": "@own_report", "action": "审核通过"}), "其他审核人"),
	# Campaign, wages
	"campaign ending before it starts": (PROVINCE, ("insert", lambda f, **v: {"doctype": "Campaign", "campaign_name": "坏活动", "year": 2024, "start_date": "2024-06-30", "end_date": "2024-03-01", "report_due_date": "2024-06-30", **v}, {}), "活动"),
	"negative minimum wage": (PROVINCE, ("insert", lambda f, **v: {"doctype": "Minimum Wage Standard", "region": "株洲市", "tier": "一类", "effective_from": "2030-01-01", "monthly_wage": -100, **v}, {}), "最低工资"),
	"guideline lower line above upper": (PROVINCE, ("insert", lambda f, **v: {"doctype": "Wage Guideline", "region": "株洲市", "year": 2030, "effective_from": "2030-01-01", "baseline": 6, "upper": 5, "lower": 8, **v}, {}), "下线"),
	# REST methods
	"annex for an unknown campaign": (CITY_UNION, ("call", "springoffer.api.annex_figures", {"campaign": "2099年春季要约行动", "unit": "株洲市"}), "2099年春季要约行动"),
	"annex for an unknown region": (CITY_UNION, ("call", "springoffer.api.annex_figures", {"campaign": CAMPAIGN, "unit": "北京市"}), "北京市"),
	"annex as of a non-date": (CITY_UNION, ("call", "springoffer.api.annex_figures", {"campaign": CAMPAIGN, "unit": "株洲市", "as_of": "六月底"}), "YYYY-MM-DD"),
	"annex of another city": (CITY_UNION, ("call", "springoffer.api.download_annex", {"campaign": CAMPAIGN, "unit": "长沙市"}), "长沙市"),
}


def chinese(text):
	return any("\u4e00" <= ch <= "\u9fff" for ch in text or "")


class TestBadInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_campaign(CAMPAIGN)
		make_user(CITY_UNION, ["Trade Union Officer"], region="株洲市")
		make_user(CITY_HRSS, ["HRSS Officer"], region="株洲市")
		make_user(UNION_REVIEWER, ["Trade Union Officer", "Trade Union Reviewer"])  # a province officer who also reviews
		frappe.local.lang = "zh"
		inside = make_enterprise(region="株洲市", employees=100).name
		outside = make_enterprise(region="长沙市", employees=100).name
		cls.fixture = {"inside": inside, "outside": outside}
		with cls.as_user(CITY_UNION):
			cls.fixture["offer"] = frappe.get_doc(offer(cls.fixture)).insert().name
		approved = frappe.get_doc(unit_report(cls.fixture, reporting_unit="天元区", work_summary="<p>总结</p>")).insert()
		cls.fixture["approved_report"] = approved.name
		from frappe.model.workflow import apply_workflow

		apply_workflow(approved, "提交")
		with cls.as_user(UNION_REVIEWER):
			apply_workflow(frappe.get_doc("Unit Report", approved.name), "审核通过")
		with cls.as_user(UNION_REVIEWER):
			own = frappe.get_doc(unit_report(cls.fixture, reporting_unit="湖南省")).insert()
			apply_workflow(own, "提交")
		cls.fixture["own_report"] = own.name

	@classmethod
	def as_user(cls, user):
		from contextlib import contextmanager

		@contextmanager
		def switch():
			previous = frappe.session.user
			frappe.set_user(user)
			try:
				yield
			finally:
				frappe.set_user(previous)

		return switch()

	def resolve(self, value):
		if isinstance(value, str) and value.startswith("@"):
			return self.fixture[value[1:]]
		if isinstance(value, list):
			return [self.resolve(item) for item in value]
		if isinstance(value, dict):
			return {key: self.resolve(item) for key, item in value.items()}
		return value

	def counts(self, doctypes):
		return {doctype: frappe.db.count(doctype) for doctype in doctypes}

	def attempt(self, action):
		"""Run the action; return (the exception, the state before, the state after)."""
		kind, target, values = action
		values = self.resolve(values)
		if kind == "insert":
			doc = frappe.get_doc(target(self.fixture, **values))
			watched = [doc.doctype, *(df.options for df in doc.meta.get_table_fields()), "Annex Ledger Entry"]
			before = self.counts(watched)
			run, after = (lambda: doc.insert()), (lambda: self.counts(watched))
		elif kind == "change":
			doctype = {"offer": "Offer", "approved_report": "Unit Report"}[target]
			name = self.fixture[target]
			before = frappe.get_doc(doctype, name).as_dict()

			def run():
				doc = frappe.get_doc(doctype, name)
				doc.update(values)
				doc.save()

			after = lambda: frappe.get_doc(doctype, name).as_dict()  # noqa: E731
		else:
			from springoffer.springoffer.doctype.region.test_permission_matrix import call

			if target == "apply_workflow":
				target = "frappe.model.workflow.apply_workflow"
				values = {"doc": frappe.get_doc("Unit Report", values["doc"]).as_json(), "action": values["action"]}
			before = self.counts(["Unit Report", "Annex Export Log"] if frappe.db.table_exists("Annex Export Log") else ["Unit Report"])
			run = lambda: call(target, **values)  # noqa: E731
			after = lambda: self.counts(list(before))  # noqa: E731
		frappe.db.savepoint("bad_input")
		error = None
		try:
			run()
		except Exception as e:
			error = e
		frappe.db.rollback(save_point="bad_input")  # what a request's failure does to its transaction
		return error, before, after()

	def test_every_bad_input_is_refused_in_chinese_and_nothing_is_saved(self):
		failures = []
		for case, (user, action, words) in CASES.items():
			with self.set_user(user):
				frappe.local.lang = "zh"
				error, before, after = self.attempt(action)
				messages = " ".join(frappe.utils.strip_html(str(m)) for m in [error, *frappe.local.message_log] if m)
				frappe.clear_last_message()
				frappe.local.message_log = []
			if error is None:
				failures.append(f"{case}: accepted")
			elif not isinstance(error, frappe.ValidationError | frappe.PermissionError | frappe.DuplicateEntryError):
				failures.append(f"{case}: {type(error).__name__} {error}")
			elif not chinese(messages) or words not in messages:
				failures.append(f"{case}: message lacks “{words}”: {messages[:200]}")
			if before != after:
				failures.append(f"{case}: something was saved or changed")
		if failures:
			self.fail(f"{len(failures)} of {len(CASES)} bad inputs:\n" + "\n".join(failures))

	def test_every_officer_method_answers_malformed_arguments_with_a_chinese_4xx(self):
		"""Every argument of every officer's method in springoffer.api, sent values of the wrong type,
		huge, markup or not a date: never a 5xx, and a 4xx in Chinese without Python's or the database's
		words; nothing saved."""
		import inspect

		from springoffer import api
		from springoffer.springoffer.doctype.region.test_permission_matrix import call

		hostile = [["x"], {"$ne": 1}, "长" * 5000, "<script>alert(1)</script>", "2023-02-30", "' OR 1=1; --", 10**30, True]
		leaks = ("Traceback", "Incorrect", "should be of type", "argument", "Error", "tab")
		methods = [
			(name, fn)
			for name, fn in inspect.getmembers(api, inspect.isfunction)
			if fn in frappe.whitelisted and fn not in frappe.guest_methods and fn.__module__ == api.__name__
		]
		self.assertGreaterEqual(len(methods), 9)
		watched = ["Campaign", "Offer", "Offer Draft", "Answer Link"]
		before = self.counts(watched)
		failures, tried = [], 0
		for name, fn in methods:
			for argument in inspect.signature(fn).parameters:
				for value in hostile:
					with self.set_user(CITY_UNION):
						frappe.local.lang = "zh"
						frappe.db.savepoint("officer_method")
						status, message = 200, ""
						try:
							call(f"springoffer.api.{name}", **{argument: value})
						except Exception as error:
							status = getattr(error, "http_status_code", 500)
							message = " ".join(frappe.utils.strip_html(str(m)) for m in [error, *frappe.local.message_log])
						frappe.db.rollback(save_point="officer_method")
						frappe.local.message_log = []
					tried += 1
					case = f"{name}({argument}={str(value)[:20]!r})"
					if status >= 500:
						failures.append(f"{case}: HTTP {status} {message[:160]}")
					elif status >= 400 and (not chinese(message) or any(word in message for word in leaks)):
						failures.append(f"{case}: HTTP {status}, not plain Chinese: {message[:160]}")
		self.assertGreater(tried, 100)
		if failures:
			self.fail(f"{len(failures)} of {tried} malformed arguments:\n" + "\n".join(failures[:60]))
		self.assertEqual(self.counts(watched), before)
