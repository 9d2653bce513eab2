from springoffer.core import categories as c
from springoffer.core.counting import Figures
from springoffer.core.rollup import Difference, differences, roll_up, total


def rows(**by_category):
	base = {category: Figures() for category in c.REPORT_CATEGORIES}
	base.update(by_category)
	return base


def test_roll_up_sums_only_approved_cities_and_lists_the_rest():
	reports = {
		"长沙市": (c.REPORT_APPROVED, rows(**{c.PRIVATE: Figures(10, 500, 8, 400, 5, 300, 1)})),
		"株洲市": (c.REPORT_APPROVED, rows(**{c.PRIVATE: Figures(2, 50, 1, 20, 1, 20, 1), c.OTHER: Figures(1, 9, 0, 0, 0, 0, 0)})),
		"湘潭市": (c.REPORT_SUBMITTED, rows(**{c.PRIVATE: Figures(100, 1000, 0, 0, 0, 0, 0)})),
	}
	result = roll_up(["长沙市", "株洲市", "湘潭市", "衡阳市"], reports)
	assert result.rows[c.PRIVATE].as_tuple() == (12, 550, 9, 420, 6, 320, 2)
	assert result.rows[c.OTHER].as_tuple() == (1, 9, 0, 0, 0, 0, 0)
	assert result.rows[c.STATE_OWNED].as_tuple() == (0,) * 7
	assert result.approved == ["长沙市", "株洲市"]
	assert result.not_approved == [("湘潭市", c.REPORT_SUBMITTED)]
	assert result.missing == ["衡阳市"]
	assert result.status_text() == "已汇总 2 个市州已审核的统计表；未审核：湘潭市（已提交）；未报送：衡阳市"


def test_roll_up_of_nothing_is_all_zero_and_all_missing():
	result = roll_up(["长沙市"], {})
	assert total(result.rows).as_tuple() == (0,) * 7
	assert result.missing == ["长沙市"]


def test_differences_cell_by_cell_with_total():
	left = rows(**{c.PRIVATE: Figures(3, 30, 1, 10, 0, 0, 1)})
	right = rows(**{c.PRIVATE: Figures(3, 31, 1, 10, 0, 0, 1), c.OTHER: Figures(1, 5, 0, 0, 0, 0, 0)})
	assert differences(left, right) == [
		Difference(c.PRIVATE, "offered_workers", 30, 31),
		Difference(c.OTHER, "offered", 0, 1),
		Difference(c.OTHER, "offered_workers", 0, 5),
		Difference(c.TOTAL_LABEL, "offered", 3, 4),
		Difference(c.TOTAL_LABEL, "offered_workers", 30, 36),
	]
	assert differences(left, left) == []
