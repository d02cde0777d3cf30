from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections
from django.utils import translation


class LanguageMiddleware:
    """Vietnamese unless the user chose another language (cookie set by Django's set_language).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officers'
    browsers say English: the product speaks Vietnamese by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class QueryCountMiddleware:
    """Sets `X-Query-Count`, the number of database queries the request ran, for `make bench`.

    Off unless DANVAN_QUERY_COUNT_HEADER is true (it tells outsiders how the pages work); it sits
    first in MIDDLEWARE so the session, user and unit look-ups of the other middleware count too.
    """

    def __init__(self, get_response):
        if not settings.DANVAN_QUERY_COUNT_HEADER:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counted))
            response = self.get_response(request)
        response.headers["X-Query-Count"] = str(count)
        return response
