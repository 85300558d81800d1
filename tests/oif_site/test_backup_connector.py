"""`make backup` uses the database's own dump (pg_dump -Fc, SQLite's online backup), whatever
wrapper the metrics put around the engine: dbbackup's JSON fallback cannot restore this site."""

from dbbackup.db.base import get_connector
from django.db import connection


def test_the_backup_uses_the_databases_own_dump():
    expected = {
        "postgresql": "PgDumpBinaryConnector",
        "sqlite": "SqliteBackupConnector",
    }[connection.vendor]
    assert type(get_connector()).__name__ == expected
