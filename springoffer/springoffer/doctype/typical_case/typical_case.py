from frappe.model.document import Document

from springoffer.controllers.checks import (
	check_body_role,
	check_related_enterprises,
	check_review,
	check_workflow_rules,
)


class TypicalCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from springoffer.springoffer.doctype.related_enterprise.related_enterprise import RelatedEnterprise

		amended_from: DF.Link | None
		attachment: DF.Attach | None
		campaign: DF.Link
		case_title: DF.Data
		enterprises: DF.Table[RelatedEnterprise]
		region: DF.Link
		reporting_body: DF.Literal["\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u90e8\u95e8", "\u603b\u5de5\u4f1a", "\u4f01\u4e1a\u548c\u5de5\u4e1a\u7ecf\u6d4e\u8054\u5408\u4f1a", "\u5de5\u5546\u4e1a\u8054\u5408\u4f1a"]
		result: DF.TextEditor
		return_reason: DF.SmallText | None
		reviewed_by: DF.Data | None
		story: DF.TextEditor
		submitted_by: DF.Data | None
		topic: DF.Literal["\u5de5\u8d44\u8c03\u6574", "\u8ba1\u4ef6\u5355\u4ef7\u4e0e\u52b3\u52a8\u5b9a\u989d", "\u6280\u672f\u5de5\u4eba\u85aa\u916c", "\u65b0\u5c31\u4e1a\u5f62\u6001", "\u5c0f\u5fae\u4f01\u4e1a\u533a\u57df\u6027\u3001\u884c\u4e1a\u6027\u96c6\u4f53\u534f\u5546", "\u56fd\u6709\u4f01\u4e1a\u5185\u90e8\u5206\u914d", "\u4ea7\u4e1a\u96c6\u805a\u4e61\u9547\uff08\u56ed\u533a\uff09\u96c6\u4f53\u534f\u5546", "\u5176\u4ed6"]
		workflow_state: DF.Link | None
	# end: auto-generated types
	def validate(self):
		check_body_role(self.reporting_body)
		check_workflow_rules(self)
		check_review(self)
		check_related_enterprises(self)
