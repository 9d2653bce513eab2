import re
from pathlib import Path

from setuptools import find_packages, setup

# Read, not imported: the build runs before the package is importable.
__version__ = re.search(r'__version__ = "(.+?)"', Path(__file__).with_name("springoffer").joinpath("__init__.py").read_text()).group(1)

setup(
	name="springoffer",
	version=__version__,
	description="集体协商“春季要约行动”台帐与统计 — Hunan spring wage-bargaining campaign for Frappe",
	author="springoffer developers",
	license="MIT",
	packages=find_packages(include=["springoffer", "springoffer.*"]),
	include_package_data=True,
	zip_safe=False,
	python_requires=">=3.10",
	# Frappe itself comes from the bench, never from pip.
	install_requires=["openpyxl>=3.1,<3.2", "python-docx>=1.1,<1.3", "python-calamine>=0.5,<0.10", "chinesecalendar>=1.10,<2"],
	extras_require={"test": ["pytest>=7", "ruff>=0.15,<0.18", "locust>=2.40,<2.48"]},
)
