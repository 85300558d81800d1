"""Operating the site: health and readiness, metrics, structured logs, error reports
(docs/operations.md)."""
