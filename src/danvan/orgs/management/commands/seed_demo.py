import time

from django.core.management.base import BaseCommand, CommandError

from danvan.orgs.demo import DEMO_PASSWORD, LOGINS, seed_demo


class Command(BaseCommand):
    help = "Load the demo dataset (Đà Nẵng, the former Tam Kỳ, one user per role) and print the logins."

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            created = seed_demo()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(f"Demo dataset created ({time.monotonic() - started:.1f}s).")
        else:
            self.stdout.write("Demo dataset already present; nothing changed.")
        self.stdout.write(f"\nDemo logins (mật khẩu / password: {DEMO_PASSWORD})")
        width = max(len(login.username) for login in LOGINS)
        for login in LOGINS:
            self.stdout.write(f"  {login.username:<{width}}  {login.full_name} — {login.description}")
