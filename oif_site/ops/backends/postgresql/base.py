from django.db.backends.postgresql import base

from oif_site.ops.database import InstrumentedDatabaseMixin, exporting_cursor_class


class DatabaseWrapper(InstrumentedDatabaseMixin, base.DatabaseWrapper):
    """psycopg makes the cursors itself, from the connection's cursor_factory."""

    def get_connection_params(self):
        params = super().get_connection_params()
        params["cursor_factory"] = exporting_cursor_class(
            params["cursor_factory"], self.alias, self.vendor
        )
        return params

    def create_cursor(self, name=None):
        return base.DatabaseWrapper.create_cursor(self, name=name)
