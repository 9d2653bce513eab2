"""Next spring's campaign: opened from this year's records, its draft offers, and sending them."""
