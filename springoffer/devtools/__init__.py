"""For tests, the demo and benchmarks only — no request path imports this package: test makers,
the demo province, province-scale data, benchmarks and the browser check. May import anything."""
