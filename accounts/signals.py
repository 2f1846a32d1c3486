"""Whatever path changes a password or deactivates a user (the users pages, Django's admin,
``manage.py changepassword``), the user's API tokens stop working."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from accounts.models import User


@receiver(pre_save, sender=User)
def _note_credential_change(sender, instance: User, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. last_login at each sign-in
    stored = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    instance._revoke_api_tokens = bool(stored) and (
        stored["password"] != instance.password or (stored["is_active"] and not instance.is_active)
    )


@receiver(post_save, sender=User)
def _revoke_on_credential_change(sender, instance: User, raw=False, **kwargs):
    if getattr(instance, "_revoke_api_tokens", False):
        from accounts.services import revoke_api_tokens

        revoke_api_tokens(user=instance)
        instance._revoke_api_tokens = False
