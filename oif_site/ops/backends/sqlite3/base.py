from django.db.backends.sqlite3 import base

from oif_site.ops.database import InstrumentedDatabaseMixin


class DatabaseWrapper(InstrumentedDatabaseMixin, base.DatabaseWrapper):
    CURSOR_CLASS = base.SQLiteCursorWrapper
