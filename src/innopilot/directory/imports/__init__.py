"""Excel import of enterprise lists (摸底表): template, tolerant parsing, preview, all-or-nothing commit."""
