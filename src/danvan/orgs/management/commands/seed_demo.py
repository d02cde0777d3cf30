import time

from django.core.management.base import BaseCommand, CommandError

from danvan.metrics import rollups
from danvan.orgs.demo import DEMO_PASSWORD, LOGINS, seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo dataset (Đà Nẵng, the former Tam Kỳ, one user per role, models and exemplars, "
        "criteria sets and appraisal rounds, the award catalogue and decisions) and print the logins."
    )

    def handle(self, *args, **options):
        from danvan.appraisal.demo import LOGINS as APPRAISAL_LOGINS
        from danvan.appraisal.demo import seed_appraisal_demo
        from danvan.awards.demo import seed_awards_demo
        from danvan.funding.demo import seed_funding_demo
        from danvan.initiatives.demo import seed_initiatives_demo
        from danvan.petitions.demo import seed_petitions_demo
        from danvan.reception.demo import seed_reception_demo
        from danvan.reports.demo import seed_reports_demo
        from danvan.targets.demo import seed_targets_demo
        from danvan.training.demo import seed_training_demo

        started = time.monotonic()
        try:
            created = seed_demo()
            models = seed_initiatives_demo()
            rounds = seed_appraisal_demo()
            decisions = seed_awards_demo()
            spending = seed_funding_demo()
            sessions = seed_training_demo()
            targets = seed_targets_demo()
            reports = seed_reports_demo()
            petitions = seed_petitions_demo()
            reception = seed_reception_demo()
            rollups.reset()  # the demo backdates rows with QuerySet.update(), which sends no signal
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
        if rounds:
            self.stdout.write(f"Demo criteria sets and appraisal rounds created: {rounds} rounds.")
        else:
            self.stdout.write("Demo appraisal rounds already present; nothing changed.")
        if decisions:
            self.stdout.write(f"Demo award catalogue and decisions created: {decisions} decisions.")
        else:
            self.stdout.write("Demo decisions already present; nothing changed.")
        if spending:
            self.stdout.write(f"Demo funding created: allocations 2021–2026 and {spending} expenditures.")
        else:
            self.stdout.write("Demo funding already present; nothing changed.")
        if sessions:
            self.stdout.write(f"Demo training sessions created: {sessions}.")
        else:
            self.stdout.write("Demo training sessions already present; nothing changed.")
        if targets:
            self.stdout.write(f"Demo targets and the 2025 scorecard created: {targets} targets.")
        else:
            self.stdout.write("Demo targets already present; nothing changed.")
        if reports:
            self.stdout.write(
                f"Demo reporting regimes and reports created: {reports} reports "
                "(2025 annual cycle complete, the previous quarter closed, the current one in progress)."
            )
        else:
            self.stdout.write("Demo reports already present; nothing changed.")
        if reception:
            self.stdout.write(
                f"Demo citizen reception created: 3 heads' schedules, {reception} sessions of the last three "
                "months and this year's dialogue of Tam Kỳ ward."
            )
        else:
            self.stdout.write("Demo citizen reception already present; nothing changed.")
        if petitions:
            self.stdout.write(
                f"Demo petitions created: {petitions} (tiepdan.tamky handles those of phường Tam Kỳ)."
            )
        else:
            self.stdout.write("Demo petitions already present; nothing changed.")
        self.stdout.write(f"({time.monotonic() - started:.1f}s)")
        self.stdout.write(f"\nDemo logins (mật khẩu / password: {DEMO_PASSWORD})")
        logins = [*LOGINS, *APPRAISAL_LOGINS]
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username:<{width}}  {login.full_name} — {login.description}")
