"""A write sent twice is taken once (issue 29): the employer's answer and its contract filing through
the link, and an approval in the review workflow — sent again after a timeout, or twice at the same
moment. The repeat gets the same success answer and stores nothing more; a different second answer
goes through the usual rules. The natural key is the offer (one answer, one live contract each) and,
for an approval, (document, the state it was seen in, the action); the database row of the offer or
of the document is held while writing, so two at once take their turns."""

import json
import threading

import frappe
import frappe.tests.test_api as api_test
from frappe.model.workflow import apply_workflow as frappe_apply_workflow
from frappe.utils import get_datetime
from frappe.utils.password import update_password

from springoffer import api
from springoffer.core import categories as c
from springoffer.desk import workflow_actions
from springoffer.devtools.commits import delete_records
from springoffer.devtools.testing import contract_doc, make_enterprise, make_user, offer_doc
from springoffer.portal import links
from springoffer.springoffer.doctype.answer_link.test_answer_link import (
	AGREE,
	PDF,
	PNG,
	SIGNED,
	file_as_guest,
	token_of,
)

UNION = "repeat.union@example.cn"
EMPLOYER_SIDE = "repeat.employer@example.cn"
HRSS = "repeat.hrss@example.cn"
HRSS_TOO = "repeat.hrss2@example.cn"
PASSWORD = "Repeat-Writes-2024!"
REFUSE = {"response": c.REFUSED, "refusal_reason": c.REFUSAL_REASONS[1], "refusal_detail": "今年已调整过工资"}


def changes_of(doctype, name, field):
	"""Each change of `field` the document's Versions record, as [old, new]."""
	found = []
	for data in frappe.get_all("Version", filters={"ref_doctype": doctype, "docname": name}, pluck="data", order_by="creation asc"):
		found += [change[1:] for change in json.loads(data).get("changed", []) if change[0] == field]
	return found


def answer_of(view):
	return {k: view[k] for k in ("offer", "response", "response_date", "meeting_time", "meeting_place", "refusal_reason", "refusal_detail", "closed")}


def at_once(*calls):
	"""Run the calls in threads started together; their results in order."""
	results = [None] * len(calls)
	start = threading.Barrier(len(calls))

	def run(i, call):
		start.wait()
		results[i] = call()

	threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(60)
	return results


class TestRepeatedWrites(api_test.FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(UNION, ["Trade Union Officer"], region="娄底市")
		make_user(EMPLOYER_SIDE, ["Enterprise Confederation Officer"], region="娄底市")
		for user in (HRSS, HRSS_TOO):
			make_user(user, ["HRSS Officer"], region="娄底市")
			update_password(user, PASSWORD)
		cls.made = {"Offer": [], "Enterprise": [], "Contract": []}
		cls.addClassCleanup(cls.remove)

	@classmethod
	def remove(cls):
		frappe.db.delete("Answer Log", {"offer": ("in", cls.made["Offer"] or [""])})
		frappe.db.delete("Answer Link", {"offer": ("in", cls.made["Offer"] or [""])})
		for doctype in ("Contract", "Offer", "Enterprise"):
			delete_records(doctype, cls.made[doctype])
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		if hasattr(frappe.local, "request"):
			del frappe.local.request

	def sent_offer(self, commit=False):
		with self.set_user(UNION):
			enterprise = make_enterprise(region="娄底市")
			offer = offer_doc(enterprise, workers=90, date_sent="2023-03-10").insert()
		token = token_of(links.ensure(offer))
		if commit:
			self.made["Offer"].append(offer.name)
			self.made["Enterprise"].append(enterprise.name)
			frappe.db.commit()
		return offer, enterprise, token

	def as_guest(self, method, **kwargs):
		frappe.set_user("Guest")
		try:
			with self.freeze_time("2023-03-20"):
				return getattr(api, method)(**kwargs)
		finally:
			frappe.set_user("Administrator")
			frappe.cache.delete_keys("rl:")

	def file(self, token, code, uploads, **values):
		return file_as_guest(self, token, code, uploads, ip="198.51.100.9", **values)

	def events(self, offer):
		return sorted(frappe.get_all("Answer Log", filters={"offer": offer.name}, pluck="event"))

	def test_the_same_answer_sent_again_is_taken_once_and_a_different_one_by_the_rules(self):
		offer, enterprise, token = self.sent_offer()
		first = self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **AGREE)
		modified = frappe.db.get_value("Offer", offer.name, "modified")
		again = self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **AGREE)
		self.assertEqual(answer_of(again), answer_of(first))
		self.assertEqual(frappe.db.get_value("Offer", offer.name, "modified"), modified)  # nothing written
		self.assertEqual(self.events(offer).count("回复"), 1)
		# another meeting place is another answer: recorded, as the rules allow before it is confirmed
		moved = self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **{**AGREE, "meeting_place": "工会活动室"})
		self.assertEqual(moved["meeting_place"], "工会活动室")
		self.assertEqual(self.events(offer).count("回复"), 2)
		frappe.db.set_value("Offer", offer.name, "answer_confirmed", 1)
		self.assertEqual(  # confirmed: the same answer again is still a success…
			self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **{**AGREE, "meeting_place": "工会活动室"})["response"],
			c.AGREED,
		)
		with self.assertRaises(frappe.ValidationError):  # …a different one is refused as before
			self.as_guest("answer_offer", token=token, credit_code=enterprise.name, **REFUSE)

	def test_two_identical_answers_at_the_same_moment_store_one(self):
		offer, enterprise, token = self.sent_offer(commit=True)
		data = {"token": token, "credit_code": enterprise.name, **REFUSE}
		clients = [frappe.utils.get_test_client(), frappe.utils.get_test_client()]
		first, second = at_once(
			*(lambda client=client: api_test.make_request(client.post, ("/api/method/springoffer.api.answer_offer",), {"data": data}) for client in clients)
		)
		self.assertEqual((first.status_code, second.status_code), (200, 200), (first.get_data(as_text=True)[:300], second.get_data(as_text=True)[:300]))
		self.assertEqual(first.json["message"], second.json["message"])
		self.assertEqual(first.json["message"]["response"], c.REFUSED)
		self.assertEqual(self.events(offer).count("回复"), 1)
		self.assertEqual(changes_of("Offer", offer.name, "response"), [[c.PENDING, c.REFUSED]])

	def test_the_same_contract_filed_again_is_taken_once_and_other_terms_are_refused(self):
		offer, enterprise, token = self.sent_offer()
		self.as_guest("answer_offer", token=token, credit_code=enterprise.name, response=c.AGREED, **AGREE)
		uploads = {"contract_text": PDF, "congress_minutes": PNG}
		first = self.file(token, enterprise.name, uploads, **SIGNED)
		again = self.file(token, enterprise.name, uploads, **SIGNED)
		self.assertEqual(again, first)
		self.assertEqual(frappe.db.count("Contract", {"offer": offer.name}), 1)
		self.assertEqual(frappe.db.count("File", {"attached_to_name": first["contract"]}), 2)
		self.assertEqual(self.events(offer).count("报送合同"), 1)
		with self.assertRaises(frappe.ValidationError):  # other terms: filed already, changed only when HRSS asks
			self.file(token, enterprise.name, uploads, **{**SIGNED, "wage_growth_percent": "6"})
		with self.assertRaises(frappe.ValidationError):  # another scan likewise
			self.file(token, enterprise.name, {"contract_text": PDF + b"%changed\n", "congress_minutes": PNG}, **SIGNED)

	def submitted_contract(self, commit=False):
		with self.set_user(EMPLOYER_SIDE):
			enterprise = make_enterprise(region="娄底市")
			draft = contract_doc([enterprise], 120, signing_date="2023-05-20").insert()
		with self.set_user(EMPLOYER_SIDE), self.freeze_time("2023-05-25 10:00"):
			doc = frappe_apply_workflow(frappe.get_doc("Contract", draft.name), "报送")
		if commit:
			self.made["Contract"].append(doc.name)
			self.made["Enterprise"].append(enterprise.name)
			frappe.db.commit()
		return doc

	def test_an_approval_sent_again_answers_with_the_document_not_an_error(self):
		doc = self.submitted_contract()
		seen = doc.as_json()  # what the reviewer's form holds
		with self.set_user(HRSS), self.freeze_time("2023-05-26 09:00"):
			first = workflow_actions.apply_workflow(seen, "受理")
			self.assertEqual(first.workflow_state, "已受理")
			versions = frappe.db.count("Version", {"ref_doctype": "Contract", "docname": doc.name})
			again = workflow_actions.apply_workflow(seen, "受理")  # the retry, with the form as it was
			self.assertEqual((again.workflow_state, get_datetime(again.modified)), ("已受理", get_datetime(first.modified)))
			self.assertEqual(frappe.db.count("Version", {"ref_doctype": "Contract", "docname": doc.name}), versions)
			with self.assertRaises(frappe.ValidationError):  # an action not leading there: Frappe's answer
				workflow_actions.apply_workflow(seen, "要求补正")
			with self.assertRaises(frappe.ValidationError):  # Frappe alone refuses the retry
				frappe_apply_workflow(seen, "受理")

	def test_two_reviewers_approving_at_the_same_moment_both_succeed_once(self):
		doc = self.submitted_contract(commit=True)
		seen = doc.as_json()
		clients = []
		for user in (HRSS, HRSS_TOO):
			client = frappe.utils.get_test_client()
			login = api_test.make_request(client.post, ("/api/method/login",), {"data": {"usr": user, "pwd": PASSWORD}})
			self.assertEqual(login.status_code, 200)
			clients.append(client)
		path = "/api/method/frappe.model.workflow.apply_workflow"
		first, second = at_once(
			*(lambda client=client: api_test.make_request(client.post, (path,), {"data": {"doc": seen, "action": "受理"}}) for client in clients)
		)
		self.assertEqual((first.status_code, second.status_code), (200, 200), (first.get_data(as_text=True)[:300], second.get_data(as_text=True)[:300]))
		self.assertEqual({first.json["message"]["workflow_state"], second.json["message"]["workflow_state"]}, {"已受理"})
		self.assertEqual(first.json["message"]["modified"], second.json["message"]["modified"])
		stored = frappe.get_doc("Contract", doc.name)
		self.assertEqual(stored.workflow_state, "已受理")
		self.assertEqual(changes_of("Contract", doc.name, "workflow_state"), [["已报送", "已受理"]])
