"""GOV.UK-styled error pages. They render without a database (the 500 page must)."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from config.api import is_api_request, json_error


def permission_denied(request, exception=None):
    if is_api_request(request):
        return json_error(request, 403)
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    # Every API answer is JSON (API.md): an unknown /api/ address is a JSON 404, never a
    # redirect to the HTML sign-in page.
    if is_api_request(request):
        return json_error(request, 404)
    # An address that matches no view is not a page either: an anonymous visitor is sent to
    # sign in, as for every other page, and learns nothing about which addresses exist.
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if is_api_request(request):
        return json_error(request, 500)
    # No request context: the failure may be in a context processor or the database.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
