"""The request being answered, for the few hooks Wagtail calls without it (a workflow's finish
action) that still owe the person a message."""

import contextvars

_current = contextvars.ContextVar("current_request", default=None)


def current_request():
    return _current.get()


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
