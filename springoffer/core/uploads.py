"""Scans people upload (a signed contract, a congress resolution, a delivery receipt) are judged by
their first bytes, never by their names: PDF, JPEG or PNG, at most 10 MB."""

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))


def scan_kind(content):
	"""'pdf', 'jpg' or 'png' by content; None for anything else."""
	for signature, kind in SIGNATURES:
		if content and content.startswith(signature):
			return kind
	return None
