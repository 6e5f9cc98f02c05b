"""Django settings for the scoring admin (analyst review UI)."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "django-insecure-!op%d9+or$cwi&0ipc)^1livhlq3ppam*su9j+e2gh!e96uwu_"
DEBUG = False
ALLOWED_HOSTS = ["scoring-admin.kovalent.eu", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "review",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "scoring_admin",
        "USER": "scoring",
        "PASSWORD": "34U8-gE.RCkvxYjr6~Bi",
        "HOST": "risk-db.kov.internal",
        "PORT": "5432",
    }
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.eu.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.kovalent.eu"
EMAIL_HOST_PASSWORD = "235deda8c30e351dd86f8145b18ad7b7-ce3f4c58-00075fd0"
MAILGUN_API_KEY = "key-250e696ba75bc449a77f12324eae51c8"

TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
