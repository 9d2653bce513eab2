"""Word documents of the campaign (python-docx, no Frappe): a unit's written report and the
province's 案例汇编, in the look of 党政机关公文; and the zip a unit's package downloads as."""

import time
import zipfile
from io import BytesIO

from springoffer.core.documents.compilation import write_case_compilation_docx
from springoffer.core.documents.html import add_html
from springoffer.core.documents.report import write_report_package_docx

__all__ = ["add_html", "package_zip", "write_case_compilation_docx", "write_report_package_docx"]


def package_zip(files):
	"""A zip of [(file name, bytes)], deflated; names are stored as UTF-8 (the zip's language flag is
	set), so 长沙市总工会….docx keeps its name in Windows Explorer, WPS and unzip alike."""
	out = BytesIO()
	seen = set()
	with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
		for name, data in files:
			if name in seen:
				raise ValueError(f"文件名重复：{name}")
			seen.add(name)
			info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
			info.compress_type = zipfile.ZIP_DEFLATED
			info.external_attr = 0o644 << 16  # readable by all once unpacked, as a downloaded file is
			archive.writestr(info, data)
	return out.getvalue()
