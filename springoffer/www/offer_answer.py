"""/offer-answer: the employer's answer page, reached by the link printed on the 要约书. It shows
nothing until the link's secret and the credit code match (springoffer.api.answer_view)."""

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = "回复工资集体协商要约"
	return context
