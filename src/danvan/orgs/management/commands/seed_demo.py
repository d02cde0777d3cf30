import time

from django.core.management.base import BaseCommand, CommandError

from danvan.orgs.demo import DEMO_PASSWORD, LOGINS, seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo dataset (Đà Nẵng, the former Tam Kỳ, one user per role, models and exemplars) "
        "and print the logins."
    )

    def handle(self, *args, **options):
        from danvan.initiatives.demo import seed_initiatives_demo

        started = time.monotonic()
        try:
            created = seed_demo()
            models = seed_initiatives_demo()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write("Demo organizations and users created.")
        else:
            self.stdout.write("Demo organizations and users already present; nothing changed.")
        if models:
            self.stdout.write(f"Demo models and exemplars created: {models}.")
        else:
            self.stdout.write("Demo models and exemplars already present; nothing changed.")
        self.stdout.write(f"({time.monotonic() - started:.1f}s)")
        self.stdout.write(f"\nDemo logins (mật khẩu / password: {DEMO_PASSWORD})")
        width = max(len(login.username) for login in LOGINS)
        for login in LOGINS:
            self.stdout.write(f"  {login.username:<{width}}  {login.full_name} — {login.description}")
