"""GOV.UK-styled error pages. They render without a database (the 500 page must)."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    # An address that matches no view is not a page either: an anonymous visitor is sent to
    # sign in, as for every other page, and learns nothing about which addresses exist.
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No request context: the failure may be in a context processor or the database.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
