"""Create a first administrator for a local site, and print how to sign in.

Used by `make run`. It creates an account only when no superuser exists, so it
never touches a real deployment's staff. The generated password is kept in
var/admin-login.txt (ignored by git) so later runs can print it again.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from allauth.account.models import EmailAddress


class Command(BaseCommand):
    help = "Create an admin account if none exists and print its login."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", default="admin@example.com")
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / "var" / "admin-login.txt"),
            help="Where the generated login is kept for later runs.",
        )

    def handle(self, *args, email: str, credentials_file: str, **options) -> None:
        user_model = get_user_model()
        path = Path(credentials_file)
        login_url = f"{settings.SITE_URL}/admin/"
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            admin = user_model.objects.create_superuser(email=email, password=password)
            self.mark_verified(admin)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{email}\n{password}\n")
            path.chmod(0o600)
            self.print_login(login_url, email, password)
            return
        saved = path.read_text().split() if path.exists() else []
        saved_admin = (
            user_model.objects.filter(email=saved[0], is_superuser=True).first()
            if len(saved) == 2
            else None
        )
        if saved_admin:
            self.mark_verified(saved_admin)
            self.print_login(login_url, *saved)
            return
        admins = ", ".join(
            user_model.objects.filter(is_superuser=True).values_list("email", flat=True)[:5]
        )
        self.stdout.write(
            f"Admin sign-in: {login_url} as {admins} "
            "(set a new password with: .venv/bin/python manage.py changepassword EMAIL)"
        )

    def mark_verified(self, admin) -> None:
        """Sign-in needs a verified address (ACCOUNT_EMAIL_VERIFICATION = mandatory)."""
        EmailAddress.objects.update_or_create(
            user=admin, email=admin.email, defaults={"verified": True, "primary": True}
        )

    def print_login(self, login_url: str, email: str, password: str) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Admin sign-in: {login_url}\n  Email:    {email}\n  Password: {password}\n"
            )
        )
