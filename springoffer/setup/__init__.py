"""Install, migrate and uninstall: seed data, the shipped notifications, the desk's setup and the
security baseline applied once. May import everything below it, never devtools."""
