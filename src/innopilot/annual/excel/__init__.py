"""The annual data as Excel: one layout for the template, the upload, the command-line import and the
officials' export (a data sheet with one row per enterprise and one column per indicator code)."""
