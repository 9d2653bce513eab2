"""The 企业 sheet, and what the 要约 and 集体合同 sheets share: rows grouped by their number, each row's
enterprise and covered workers, the cells every row of one offer or contract repeats."""

from operator import itemgetter

from springoffer.core import categories, credit_code
from springoffer.core.counting import Enterprise
from springoffer.core.ledger import spellings
from springoffer.core.ledger.sheets import (
	CATEGORY,
	CODE,
	EMPLOYEES,
	ENTERPRISES,
	NAME,
	REGION,
	REGIONS,
	WORKERS,
)
from springoffer.core.ledger.values import (
	_UNREADABLE,
	_clean,
	_show,
	code_error_text,
	normalize_code,
)


class RecordSheets:
	"""Reader part: the 企业 sheet and the grouping of record rows (mixed into reader._Reader)."""

	def read_enterprises(self):
		self.enterprises = []
		self.employees = {}
		# credit code → (row, employees or None, the code): enterprises other sheets may name; the code kept
		# there is the one every record of it shares (a province's rows name them 250,000 times)
		self.known = {}
		self.enterprises_checked = self.usable(ENTERPRISES)
		sheet = self.sheet(ENTERPRISES)
		if sheet is None:
			return
		plain = self._plain_enterprise_reader(sheet.positions)
		for row, cells in sheet.cells():
			enterprise = plain(cells)
			if enterprise is not None:
				code, name, category, region, employees = enterprise
				self.known[code] = (row, employees, code)
				self.enterprises.append(Enterprise(code, name, category, region))
				self.employees[code] = employees
			else:
				self._enterprise(row, sheet.record(cells))

	def _plain_enterprise_reader(self, position):
		"""A function of one row's cells: (code, name, category, region, employees) of the common row —
		a new code as the licence prints it, a category spelt as the table has it, a known region,
		a whole number of employees — where there is nothing to report; else None (the row is then
		read cell by cell)."""
		code_at, name_at, category_at = position[CODE], position[NAME], position[CATEGORY]
		region_at, employees_at = position[REGION], position[EMPLOYEES]
		known, check = self.known, credit_code.check
		regions = {region: region for region in self.regions}  # each enterprise shares its region's name

		def plain(cells):
			code, name, category, region, employees = (
				cells[code_at], cells[name_at], cells[category_at], cells[region_at], cells[employees_at]
			)
			if not (code.__class__ is str and len(code) == 18 and code.isalnum() and code.isascii() and code.isupper()):
				return None
			if code in known or employees.__class__ is not float or not employees.is_integer() or employees <= 0:
				return None
			if name.__class__ is not str or not (name := name.strip()) or category.__class__ is not str:
				return None
			if region.__class__ is not str or (region := regions.get(region.strip())) is None:
				return None
			category = spellings.meaning(CATEGORY, category.strip())
			if category is None or check(code) is not None:
				return None
			return code, name, category, region, int(employees)

		return plain

	def _enterprise(self, row, record):
		"""One 企业 row read cell by cell, each problem reported."""
		raw = record.get(CODE)
		if raw.__class__ is str and len(raw) == 18 and raw.isalnum() and raw.isascii() and raw.isupper():
			code = raw  # as printed on the licence: nothing to normalise
		else:
			raw = _clean(raw)
			code = normalize_code(raw)
		valid = False
		if not code:
			self.error(ENTERPRISES, row, f"请填写「{CODE}」（18 位，见营业执照）")
		else:
			problem = credit_code.check(code)
			if problem:
				self.error(ENTERPRISES, row, f"{code_error_text(problem)}（所填：{raw}）")
			elif code in self.known:
				self.error(
					ENTERPRISES,
					row,
					f"{CODE} {code} 与第 {self.known[code][0]} 行重复；同一企业只登记一行，请删去或改正其中一行",
				)
			else:
				valid = True
		name = self.text(ENTERPRISES, row, record, NAME)
		category = self.choice(ENTERPRISES, row, record, CATEGORY, categories.REPORT_CATEGORIES)
		region = self.text(ENTERPRISES, row, record, REGION)
		if region and self.regions_checked and region not in self.regions:
			self.error(
				ENTERPRISES,
				row,
				f"所在地区「{region}」不在地区树中；请填湖南省、市州或县市区名称，县市区须先在「{REGIONS}」工作表中列出（地区、上级地区）",
			)
			region = None
		employees = self.positive(ENTERPRISES, row, record, EMPLOYEES)
		if valid:
			self.known[code] = (row, employees, code)
			if name and category and region:
				self.enterprises.append(Enterprise(key=code, name=name, category=category, region=region))
			if employees is not None:
				self.employees[code] = employees

	def plainly_covered(self, code, workers):
		"""(code, workers) of the common row — a code as the 企业 sheet writes it, a whole number of
		workers within the enterprise's employees — where there is nothing to report; else None."""
		enterprise = self.known.get(code)
		if enterprise is not None and workers.__class__ is float and workers.is_integer() and 0 < workers <= (enterprise[1] or workers):
			return enterprise[2], int(workers)
		return None

	def covered(self, sheet, row, record):
		"""(credit code, workers) of one coverage row, each checked; code None when it names no registered enterprise."""
		raw = _clean(record.get(CODE))
		code = normalize_code(raw)
		if not code:
			self.error(sheet, row, f"请填写「{CODE}」（须是「{ENTERPRISES}」工作表中已登记的企业）")
			code = None
		elif self.enterprises_checked and code not in self.known:
			problem = credit_code.check(code)
			if problem:
				self.error(sheet, row, f"{code_error_text(problem)}（所填：{raw}）")
			else:
				self.error(
					sheet,
					row,
					f"{CODE} {code} 的企业不在「{ENTERPRISES}」工作表中；请先在「{ENTERPRISES}」工作表登记该企业，或改正代码",
				)
			code = None
		elif not self.enterprises_checked:
			code = None
		else:
			code = self.known[code][2]
		workers = self.positive(sheet, row, record, WORKERS)
		if code and workers is not None:
			employees = self.known[code][1]
			if employees is not None and workers > employees:
				self.error(
					sheet,
					row,
					f"覆盖职工数 {workers} 超过该企业的职工人数 {employees}（「{ENTERPRISES}」工作表第 {self.known[code][0]} 行）；请改正其中一个数字",
				)
		return code, workers

	def _agree(self, sheet, key_label, key, rows, fields):
		"""Every row of one offer/contract repeats the same `fields`; report the rows that differ from the first."""
		first_row, first = rows[0][:2]
		for row, values, _code, _workers in rows[1:]:
			if values is first:
				continue  # the same cells as the first row, read once
			for label in fields:
				a, b = first.get(label), values.get(label)
				if a is _UNREADABLE or b is _UNREADABLE:
					continue
				if a != b:
					self.error(
						sheet,
						row,
						f"{key_label} {key} 的「{label}」为“{_show(b)}”，与第 {first_row} 行的“{_show(a)}”不一致；同一{key_label[:2]}的各行应填得相同",
					)

	def _coverage(self, sheet, key_label, key, rows):
		coverage, seen = [], {}
		for row, _values, code, workers in rows:
			if code is None:
				continue
			if code in seen:
				self.error(
					sheet,
					row,
					f"{key_label} {key} 已在第 {seen[code]} 行覆盖企业 {code}；同一企业在一个{key_label[:2]}中只填一行，请删去重复行",
				)
				continue
			seen[code] = row
			if workers is not None:
				coverage.append((code, workers))
		return coverage

	def grouped_rows(self, name, repeated, read_cells, each_row=None):
		"""The rows of the 要约 or 集体合同 sheet grouped by their number: ({number: [(row, values, credit
		code, workers)]}, the numbers whose rows do not all share their first row's values).

		`repeated` are the cells every row of one offer or contract repeats; read_cells(row, record)
		checks them and gives (number, values). The next row of the same offer usually repeats them:
		what they gave is then shared, not read again (kept only when read without an error). Each
		row's enterprise goes through plainly_covered, or covered when there is something to report;
		each_row(row, values, code) checks what else a row says."""
		groups, mixed = {}, set()
		sheet = self.sheet(name)
		if sheet is None:
			return groups, mixed
		position = sheet.positions
		repeated_cells = itemgetter(*(position[column] for column in repeated if column in position))
		code_at, workers_at = position[CODE], position[WORKERS]
		previous_raw = previous = None
		for row, cells in sheet.cells():
			record = None
			raw = repeated_cells(cells)
			if raw == previous_raw:
				number, values = previous
			else:
				record = sheet.record(cells)
				errors_before = len(self.errors)
				number, values = read_cells(row, record)
				previous_raw, previous = (raw, (number, values)) if len(self.errors) == errors_before else (None, None)
			code, workers = self.plainly_covered(cells[code_at], cells[workers_at]) or self.covered(
				name, row, record or sheet.record(cells)
			)
			if each_row is not None:
				each_row(row, values, code)
			if number:
				group = groups.get(number)
				if group is None:
					groups[number] = [(row, values, code, workers)]
				else:
					group.append((row, values, code, workers))
					if values is not group[0][1]:
						mixed.add(number)
		return groups, mixed
