"""Database backends with django-prometheus's metrics (oif_site/ops/database.py); settings
name them when OBSERVABILITY is on (oif_site/settings/ops.py)."""
