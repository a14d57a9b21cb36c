"""Registers Zicht as a client and makes the two people the login test uses.

- `redactie`, in group `zicht-redacteuren` (Zicht maps it to the role redacteur) and in `sport`;
- `buitenstaander`, only in `sport`, which Zicht does not map: Zicht must refuse them.

The client id, its secret, the redirect URI and the password come from the environment run.sh sets.
"""
import os

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application


class Command(BaseCommand):
    help = "Create Zicht's OIDC client and the test users"

    def handle(self, *args, **options):
        password = os.environ["ZICHT_OIDC_PASSWORD"]
        editors = Group.objects.create(name="zicht-redacteuren")
        sport = Group.objects.create(name="sport")

        redactie = User.objects.create_user(
            "redactie", email="redactie@gemeente.example", password=password, first_name="Riet", last_name="Dactie"
        )
        redactie.groups.add(editors, sport)
        outsider = User.objects.create_user("buitenstaander", email="buiten@gemeente.example", password=password)
        outsider.groups.add(sport)

        Application.objects.create(
            name="Zicht",
            client_id=os.environ["ZICHT_OIDC_CLIENT_ID"],
            client_secret=os.environ["ZICHT_OIDC_CLIENT_SECRET"],  # hashed when saved
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            # The Swift tests' redirect URI, and the browser test's werkomgeving (space-separated).
            redirect_uris=" ".join([os.environ["ZICHT_OIDC_REDIRECT_URI"], os.environ.get("ZICHT_OIDC_BROWSER_REDIRECT_URI", "")]).strip(),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=False,  # the consent page is part of what the test walks through
        )
        self.stdout.write("client and users created")
