"""What happens to a report, for the parts that follow it (warnings, readiness results) without the
workflow or the import knowing them. Receivers are connected in ``AnnualConfig.ready``."""

from django.dispatch import Signal

# A report's values changed outside the form (an Excel import): kwargs report, codes (changed codes).
values_changed = Signal()
# A report was submitted (also a resubmission or a correction): kwargs report, submission.
report_submitted = Signal()
# The district accepted a report (or a correction): kwargs report, submission.
report_accepted = Signal()
# The district rejected a correction and the accepted version's values came back:
# kwargs report, submission (the rejected one).
report_restored = Signal()
