"""The optional 地区 and 活动 sheets: regions added under the shipped tree, and campaigns."""

from datetime import date

from springoffer.core.ledger.model import Campaign
from springoffer.core.ledger.sheets import (
	_YEAR,
	CAMPAIGN_NAME,
	CAMPAIGNS,
	DEFAULT_END,
	DEFAULT_START,
	DUE,
	END,
	PARENT_REGION,
	REGION_NAME,
	REGIONS,
	SPECS,
	START,
)
from springoffer.core.ledger.values import _options


class SetupSheets:
	"""Reader part: the 地区 and 活动 sheets (mixed into reader._Reader)."""

	def read_regions(self):
		"""The shipped tree plus the 地区 sheet, each added region hanging from a known one."""
		self.regions = dict(self.base_regions)
		self.added_regions = {}
		pending = []  # (row, region, parent)
		seen = {}
		for row, record in self.rows(REGIONS):
			region = self.text(REGIONS, row, record, REGION_NAME)
			parent = self.text(REGIONS, row, record, PARENT_REGION)
			if not region or not parent:
				continue
			if region == parent:
				self.error(REGIONS, row, f"地区「{region}」的上级地区不能是它自己；请填它所属的市州或县市区")
				continue
			if region in self.base_regions:
				if self.base_regions[region] != parent:
					self.error(
						REGIONS,
						row,
						f"地区「{region}」已在内置地区树中，上级为「{self.base_regions[region]}」，不能改为「{parent}」；请删去此行或改正上级地区",
					)
				continue
			if region in seen:
				if seen[region][1] != parent:
					self.error(
						REGIONS,
						row,
						f"地区「{region}」在第 {seen[region][0]} 行已填上级「{seen[region][1]}」，此处又填「{parent}」；一个地区只能有一个上级",
					)
				continue
			seen[region] = (row, parent)
			pending.append((row, region, parent))
		# Parents may come after their children: add whatever hangs from a known region until nothing moves.
		progress = True
		while pending and progress:
			progress = False
			for item in list(pending):
				row, region, parent = item
				if parent in self.regions:
					self.regions[region] = parent
					self.added_regions[region] = parent
					pending.remove(item)
					progress = True
		names = set(self.regions) | {region for _, region, _ in pending}
		for row, region, parent in pending:
			if parent not in names:
				self.error(
					REGIONS,
					row,
					f"上级地区「{parent}」不在内置地区树中，也未在本表列出；请填湖南省或市州名称，或先在本表添加「{parent}」",
				)
			else:
				self.error(
					REGIONS,
					row,
					f"地区「{region}」与上级「{parent}」互为上下级（循环）；请让每个地区最终归属到湖南省或某个市州",
				)
		# Regions of an unreadable 地区 sheet are unknown, not wrong: do not blame every enterprise for them.
		self.regions_checked = REGIONS not in self.sheets or self.sheets[REGIONS].usable

	def read_campaigns(self):
		self.campaigns = {}
		self.campaign_rows = {}
		for row, record in self.rows(CAMPAIGNS):
			name = self.text(CAMPAIGNS, row, record, CAMPAIGN_NAME)
			start = self.date(CAMPAIGNS, row, record, START)
			end = self.date(CAMPAIGNS, row, record, END)
			due = self.date(CAMPAIGNS, row, record, DUE)
			if not name:
				continue
			if name in self.campaign_rows:
				self.error(CAMPAIGNS, row, f"活动「{name}」在第 {self.campaign_rows[name]} 行已列出；请删去重复的一行")
				continue
			self.campaign_rows[name] = row
			if start and end and end < start:
				self.error(CAMPAIGNS, row, f"结束日期 {end} 早于开始日期 {start}；请改正日期")
				continue
			if start and due and due < start:
				self.error(CAMPAIGNS, row, f"上报截止日期 {due} 早于开始日期 {start}；请改正日期")
				continue
			if start and end and due:
				self.campaigns[name] = Campaign(name, start, end, due)
		self.campaigns_checked = CAMPAIGNS not in self.sheets or self.sheets[CAMPAIGNS].usable

	def campaign(self, sheet, row, name):
		"""The Campaign a row names, inventing the spring default for a '2024年…' name; None if unknown."""
		if not name:
			return None
		if name in self.campaigns:
			return self.campaigns[name]
		if name in self.campaign_rows or not self.campaigns_checked:
			return None  # its 活动 row is already reported
		match = _YEAR.search(name)
		if match is None:
			self.error(
				sheet,
				row,
				f"活动「{name}」不在「{CAMPAIGNS}」工作表中，名称里也没有年份；请在「{CAMPAIGNS}」工作表添加该活动"
				f"（{_options(SPECS[CAMPAIGNS].columns)}），或用“2024年春季要约行动”这样带年份的名称",
			)
			return None
		year = int(match.group(1))
		campaign = Campaign(name, date(year, *DEFAULT_START), date(year, *DEFAULT_END), date(year, *DEFAULT_END))
		self.campaigns[name] = campaign
		return campaign

