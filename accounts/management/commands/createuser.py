import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import check_create_user


class Command(BaseCommand):
    help = "Create a user: createuser USERNAME --role ROLE [--role ROLE] --rank RANK --force FORCE --password-stdin"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role", action="append", default=[], dest="roles", help="a role (repeat for several)"
        )
        parser.add_argument("--rank", required=True)
        parser.add_argument("--force", required=True, help="force code, e.g. suffolk")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--team", action="append", default=[], dest="teams", help="team code (repeatable)"
        )
        parser.add_argument(
            "--area",
            action="append",
            default=[],
            dest="areas",
            help="policing area code (repeatable)",
        )

    def handle(self, *args, **options):
        if not options["password_stdin"]:
            raise CommandError("Pass --password-stdin and give the password on standard input.")
        password = sys.stdin.readline().rstrip("\n")
        try:
            user = check_create_user(
                username=options["username"],
                roles=options["roles"],
                rank=options["rank"],
                force_code=options["force"],
                password=password,
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                team_codes=options["teams"],
                area_codes=options["areas"],
            )
        except ValidationError as exc:
            lines = [
                f"{field}: {message}"
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Created {user.username} ({', '.join(options['roles'])}).")
        )
