"""The PDF of each edition: rendered with WeasyPrint from the live pages (`render`), stored
and switched atomically (`build`), served at /annual-reports/<year>/pdf/ (`serve`, through
the page `mixin`); built in the background on publication (reports.signals, reports.tasks).
"""

import logging

# WeasyPrint logs every step of every page at INFO, some when it is imported: a build is
# one line of ours instead. Set here, before any module of the package imports WeasyPrint.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
