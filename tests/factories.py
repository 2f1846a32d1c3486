"""factory-boy factories shared by every app's tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group

from accounts.models import Force, Team, User
from offenders.models import Gender, Offender
from offenders.rules import make_pnc_id


def force(code: str = "suffolk") -> Force:
    return Force.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@police.example")
    rank = "constable"
    force = factory.LazyFunction(lambda: force("suffolk"))
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=list(extracted)))

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(Team.objects.filter(force=self.force, code__in=list(extracted)))


_serial = iter(range(500000, 10**7))


class OffenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offender

    force = factory.LazyFunction(lambda: force("suffolk"))
    first_name = factory.Faker("first_name_male", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = dt.date(1990, 5, 17)
    gender = Gender.MALE
    pnc_id = factory.LazyFunction(lambda: make_pnc_id(2010, next(_serial)))
