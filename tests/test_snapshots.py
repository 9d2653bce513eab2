from springoffer.core.snapshots import differences

SITE = {
	"counts": {"Offer": 1758, "Contract": 816},
	"annex": {("2026年春季要约行动", "长沙市"): [10, 900, 8, 700, 5, 400, 1]},
	"files": {"/private/files/contract_text-CC-1.pdf": "a" * 64},
}


def test_identical_snapshots_have_no_difference():
	assert differences(SITE, dict(SITE)) == []


def test_each_difference_is_named():
	other = {
		"counts": {"Offer": 1757, "Contract": 816, "Enterprise": 2400},
		"annex": {("2026年春季要约行动", "长沙市"): [10, 900, 8, 700, 5, 399, 1]},
		"files": {"/private/files/contract_text-CC-1.pdf": "b" * 64},
	}
	assert differences(SITE, other) == [
		"记录数 Enterprise：本站 无，对方 2400",
		"记录数 Offer：本站 1758，对方 1757",
		"附件数字 2026年春季要约行动 / 长沙市：本站 [10, 900, 8, 700, 5, 400, 1]，对方 [10, 900, 8, 700, 5, 399, 1]",
		"附件文件 /private/files/contract_text-CC-1.pdf：本站 aaaaaaaaaaaa，对方 bbbbbbbbbbbb",
	]


def test_a_long_list_is_cut_with_a_count():
	many = {"counts": {f"T{i:03d}": i for i in range(80)}}
	found = differences(many, {"counts": {}}, limit=10)
	assert len(found) == 11 and found[-1] == "……另有 70 处不同"
