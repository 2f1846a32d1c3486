"""The administrators' user pages: create, change, deactivate, and hand over a leaver's work."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import mfa, services, work
from accounts.forms import PeriodForm, TransferForm, UserForm
from accounts.models import User
from accounts.permissions import can_view_access_log
from accounts.roles import Role
from audit.exports import csv_download
from audit.selectors import CSV_COLUMNS, csv_rows, events_by_user
from audit.services import record_access
from core.concurrency import StaleVersion
from core.forms import apply_service_errors
from core.paging import page_of


def can_manage_users(user) -> bool:
    return user.is_superuser or user.has_role(Role.ADMIN)


def _managed_user(request, pk) -> User:
    if not can_manage_users(request.user):
        raise PermissionDenied
    qs = (
        User.objects.all()
        if request.user.is_superuser
        else User.objects.filter(force=request.user.force)
    )
    return get_object_or_404(qs, pk=pk)


def user_list(request):
    if not can_manage_users(request.user):
        raise PermissionDenied
    users = (
        User.objects.filter(force=request.user.force)
        .prefetch_related("groups", "teams")
        .order_by("-is_active", "last_name", "first_name")
    )
    return render(request, "accounts/user_list.html", {"users": users})


def user_create(request):
    if not can_manage_users(request.user):
        raise PermissionDenied
    form = UserForm(request.POST or None, force=request.user.force)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.check_create_user(
                username=data["username"],
                roles=data["roles"],
                rank=data["rank"],
                force_code=request.user.force.code,
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                team_codes=[t.code for t in data["teams"]],
                area_codes=[a.code for a in data["areas"]],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            record_access(user=request.user, action="create", target=created, request=request)
            messages.success(
                request, f"{created.display_name} can now sign in as {created.username}."
            )
            return redirect("user-list")
    return render(request, "accounts/user_form.html", {"form": form, "subject": None})


def user_edit(request, pk: int):
    subject = _managed_user(request, pk)
    form = UserForm(
        request.POST or None,
        force=request.user.force,
        instance=subject,
        initial=UserForm.initial_for(subject),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_update_user(
                user=subject,
                version=data.get("version"),
                by=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                rank=data["rank"],
                roles=data["roles"],
                teams=data["teams"],
                areas=data["areas"],
                password=data.get("password") or "",
            )
        except StaleVersion:
            subject.refresh_from_db()
            form = UserForm(
                force=request.user.force, instance=subject, initial=UserForm.initial_for(subject)
            )
            messages.error(
                request,
                "Someone else changed this user while you were editing. "
                "These are the current details: make your change again.",
            )
        else:
            messages.success(request, f"{subject.username} updated.")
            return redirect("user-list")
    return render(request, "accounts/user_form.html", {"form": form, "subject": subject})


@require_POST
def user_set_active(request, pk: int):
    subject = _managed_user(request, pk)
    active = request.POST.get("active") == "1"
    if subject.pk == request.user.pk and not active:
        messages.error(request, "You cannot deactivate your own account.")
        return redirect("user-list")
    services.set_active(user=subject, active=active, by=request.user)
    messages.success(request, f"{subject.username} {'reactivated' if active else 'deactivated'}.")
    return redirect("user-list")


@require_POST
def user_reset_second_factor(request, pk: int):
    """Remove the user's authenticator and backup codes (a lost phone): they enrol again at
    their next sign-in. Logged."""
    subject = _managed_user(request, pk)
    mfa.reset_second_factor(user=subject, by=request.user, request=request)
    messages.success(
        request,
        f"{subject.username}'s second factor was reset. They set it up again at their next sign-in.",
    )
    return redirect("user-list")


def user_transfer(request, pk: int):
    leaver = _managed_user(request, pk)
    form = TransferForm(request.POST or None, leaver=leaver)
    if request.method == "POST" and form.is_valid():
        moved = work.transfer_work(
            from_user=leaver, to_user=form.cleaned_data["to_user"], by=request.user
        )
        record_access(
            user=request.user,
            action="update",
            target=leaver,
            request=request,
            detail={"transferred_to": form.cleaned_data["to_user"].username, "moved": moved},
        )
        summary = ", ".join(f"{count} {label}" for label, count in moved.items())
        messages.success(
            request, f"Moved to {form.cleaned_data['to_user'].display_name}: {summary}."
        )
        return redirect("user-list")
    return render(
        request,
        "accounts/user_transfer.html",
        {"form": form, "leaver": leaver, "kinds": [label for label, _ in work.handover.items()]},
    )


def user_activity(request, pk: int):
    """What one user looked at and changed over a period. ?format=csv downloads it (logged)."""
    if not can_view_access_log(request.user):
        raise PermissionDenied
    users = (
        User.objects.all()
        if request.user.is_superuser
        else User.objects.filter(force=request.user.force)
    )
    subject = get_object_or_404(users, pk=pk)
    form = PeriodForm(request.GET or None)
    since = until = None
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data.get("since"), form.cleaned_data.get("until")
    events = events_by_user(subject, since=since, until=until)
    if request.GET.get("format") == "csv" and (not form.is_bound or form.is_valid()):
        return csv_download(
            request=request,
            export="user-activity",
            purpose=f"Activity export for user {subject.username}",
            recipients=request.user.username,
            detail={
                "subject": subject.username,
                "since": str(since or ""),
                "until": str(until or ""),
            },
            filename=f"activity-{subject.username}.csv",
            header=CSV_COLUMNS,
            rows=csv_rows(events),
        )
    page = page_of(events, request)
    return render(
        request, "accounts/user_activity.html", {"subject": subject, "form": form, "page": page}
    )
