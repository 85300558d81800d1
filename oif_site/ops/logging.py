"""JSON log lines through structlog, for the site's events and every library's stdlib logs;
secrets and personal data are redacted before a line is written."""

import logging
import re
import time

import structlog

REDACTED = "[redacted]"
# Keys whose value is never logged (matched anywhere in the key, case-insensitive).
SECRET_KEYS = re.compile(
    r"pass(word|wd)?|secret|token|csrf|session|cookie|authori[sz]ation|e?mail", re.I
)
SAFE_KEYS = {"request_id", "event", "logger", "level", "timestamp"}
# Secrets inside free text: review-link and password-reset paths, cookies, e-mail addresses.
SECRET_PATTERNS = [
    (re.compile(r"(/review/)[^/\s\"'?]+"), r"\1" + REDACTED),
    (re.compile(r"(/password_reset/confirm/|/reset/)[^\s\"'?]+"), r"\1" + REDACTED),
    (
        re.compile(r"((?:sessionid|csrftoken|csrfmiddlewaretoken)=)[^;&\s\"']+", re.I),
        r"\1" + REDACTED,
    ),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), REDACTED),
]


# Any of them: most strings of a line (the level, the route, a timestamp) hold none, and one
# search that finds nothing spares them the four substitutions (~40 % of a line's cost).
ANY_SECRET = re.compile(
    "|".join(f"(?{'i' if p.flags & re.I else ''}:{p.pattern})" for p, _ in SECRET_PATTERNS)
)


def scrub_text(text):
    if ANY_SECRET.search(text) is None:
        return text
    for pattern, replacement in SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _scrub(key, value):
    if key not in SAFE_KEYS and SECRET_KEYS.search(key):
        return REDACTED
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {k: _scrub(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub("", v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return scrub_text(str(value))  # a request object, an exception: rendered, then scrubbed


def redact(logger, method_name, event_dict):
    """structlog processor: the last word before a line is rendered."""
    return {key: _scrub(key, value) for key, value in event_dict.items()}


SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def configure_structlog():
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def json_formatter():
    """The `()` entry of a LOGGING formatter: every record becomes one redacted JSON line."""
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "foreign_pre_chain": [*SHARED_PROCESSORS, structlog.stdlib.ExtraAdder()],
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            redact,
            structlog.processors.JSONRenderer(),
        ],
    }


class Throttle(logging.Filter):
    """One record per logger and message every `seconds`, per process: a dependency that is
    down fails every call (django-redis with Redis down), and one line says so as well as many."""

    def __init__(self, seconds=10):
        super().__init__()
        self.seconds = seconds
        self.last = {}

    def filter(self, record):
        now = time.monotonic()
        key = (record.name, record.msg)
        if key in self.last and now - self.last[key] < self.seconds:
            return False
        self.last[key] = now
        return True
