"""A minimal OpenID Connect provider for Zicht's login test: django-oauth-toolkit with OIDC on, an
RS256 key made for this run, and the user's Django groups in a `groups` claim.

Everything that differs per run comes from the environment that run.sh sets: the folder with the
database and the key (ZICHT_IDP_STATE), Django's secret and the issuer. Not for production use.
"""
import os
from pathlib import Path

STATE = Path(os.environ["ZICHT_IDP_STATE"])

SECRET_KEY = os.environ["ZICHT_IDP_DJANGO_SECRET"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
    "zichtidp",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "zichtidp.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": STATE / "idp.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/accounts/login/"

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": (STATE / "oidc-key.pem").read_text(),
    # The issuer exactly as the relying party is configured with it.
    "OIDC_ISS_ENDPOINT": os.environ["ZICHT_OIDC_ISSUER"],
    "PKCE_REQUIRED": True,
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Naam en gebruikersnaam",
        "email": "E-mailadres",
        "groups": "Groepen",
    },
    "OAUTH2_VALIDATOR_CLASS": "zichtidp.validators.GroupsClaimValidator",
}
