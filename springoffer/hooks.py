app_name = "springoffer"
app_title = "Springoffer"
app_publisher = "springoffer developers"
app_description = "集体协商“春季要约行动”台帐、统计表与审核 — Hunan spring wage-bargaining campaign"
app_email = "springoffer@example.invalid"
app_license = "MIT"

export_python_type_annotations = True

after_install = "springoffer.install.after_install"
after_migrate = "springoffer.install.after_migrate"
before_uninstall = "springoffer.install.before_uninstall"

# Roles that no DocPerm creates on its own are shipped here; the rest come with the DocTypes.
fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"name",
				"in",
				[
					"HRSS Officer",
					"HRSS Reviewer",
					"Trade Union Officer",
					"Trade Union Reviewer",
					"Enterprise Confederation Officer",
					"Enterprise Confederation Reviewer",
					"Commerce Federation Officer",
					"Commerce Federation Reviewer",
				],
			]
		],
	},
]
