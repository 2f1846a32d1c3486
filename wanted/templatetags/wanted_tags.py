from django import template

from wanted import permissions

register = template.Library()


@register.filter
def can_supervise_wanted(user) -> bool:
    return permissions.can_supervise_wanted(user)
