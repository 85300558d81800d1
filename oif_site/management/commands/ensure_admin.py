import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Make sure the local development admin account exists (development settings only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_admin is for local development only (DEBUG is off).")
        username = os.environ.get("DEV_ADMIN_USERNAME", "admin")
        password = os.environ.get("DEV_ADMIN_PASSWORD", "admin")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@localhost"}
        )
        if created:
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(f"Created the local admin account {username!r} / {password!r}.")
        else:
            self.stdout.write(f"The local admin account {username!r} exists.")
