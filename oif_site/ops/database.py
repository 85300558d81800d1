"""django-prometheus's database metrics (django_db_*: statements, errors, durations, new
connections by alias and vendor), at less cost a statement.

django-prometheus's cursor wrapper looks its label children up by name on every statement
(three `.labels()` calls, one with keywords), and on SQLite builds a new cursor class for
every cursor, which Django opens for every query: ~15-20 µs a query. Here the children are
bound once, with the class, once per connection; the metrics and their labels are
django-prometheus's own, so /metrics reads the same."""

import time

from django_prometheus.db import (
    errors_total,
    execute_many_total,
    execute_total,
    query_duration_seconds,
)
from django_prometheus.db.common import DatabaseWrapperMixin


def exporting_cursor_class(cursor_class, alias, vendor):
    """A subclass of the DB-API cursor class that counts and times its statements."""
    executed = execute_total.labels(alias, vendor)
    executed_many = execute_many_total.labels(alias, vendor)
    duration = query_duration_seconds.labels(alias, vendor)

    def failed(error):
        errors_total.labels(alias, vendor, type(error).__name__).inc()

    class ExportingCursor(cursor_class):
        def execute(self, *args, **kwargs):
            executed.inc()
            started = time.perf_counter()
            try:
                return super().execute(*args, **kwargs)
            except Exception as error:
                failed(error)
                raise
            finally:
                duration.observe(time.perf_counter() - started)

        def executemany(self, query, param_list, *args, **kwargs):
            executed.inc(len(param_list))
            executed_many.inc(len(param_list))
            started = time.perf_counter()
            try:
                return super().executemany(query, param_list, *args, **kwargs)
            except Exception as error:
                failed(error)
                raise
            finally:
                duration.observe(time.perf_counter() - started)

    return ExportingCursor


class InstrumentedDatabaseMixin(DatabaseWrapperMixin):
    """New connections and their failures counted by django-prometheus's mixin; cursors made
    from one class per connection (see the module's docstring)."""

    _exporting_cursor = None

    def create_cursor(self, name=None):
        if self._exporting_cursor is None:
            self._exporting_cursor = exporting_cursor_class(
                self.CURSOR_CLASS, self.alias, self.vendor
            )
        return self.connection.cursor(factory=self._exporting_cursor)
