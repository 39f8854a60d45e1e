from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string


class ChineseFirstMiddleware:
    """Simplified Chinese unless the user picked English in the footer (the language cookie):
    the browser's Accept-Language is ignored, so a computer set up in English still shows the
    federation's own language by default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages of signed-in users hold personal data: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class OwnErrorPagesMiddleware:
    """Under DEBUG (`make run`) Django answers a 404 or a 500 with its English technical page; the
    demo shows the project's own Chinese pages instead, as production does. The traceback of a
    500 is still in the console log (django.request). DEBUG_TECHNICAL_PAGES=1 keeps Django's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and not settings.DEBUG_TECHNICAL_PAGES
            and response.status_code in (404, 500)
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "own_page", False)
        ):
            if response.status_code == 404:
                response = render(request, "404.html", status=404)
            else:
                response = HttpResponseServerError(render_to_string("500.html"))
            response.own_page = True
        return response
