import os

import httpx
from twilio.rest import Client as Twilio

TWILIO_SID = os.environ["TWILIO_ACCOUNT_SID"]
TWILIO_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]
FROM_NUMBER = os.environ.get("TWILIO_FROM", "+15005550006")

SENDGRID_URL = "https://api.sendgrid.com/v3/mail/send"


def sms(to: str, body: str) -> str:
    msg = Twilio(TWILIO_SID, TWILIO_TOKEN).messages.create(to=to, from_=FROM_NUMBER, body=body)
    return msg.sid


def email(to: str, subject: str, html: str) -> None:
    httpx.post(
        SENDGRID_URL,
        headers={"Authorization": f"Bearer {os.environ['SENDGRID_API_KEY']}"},
        json={"personalizations": [{"to": [{"email": to}]}], "from": {"email": "no-reply@tide-support.net"},
              "subject": subject, "content": [{"type": "text/html", "value": html}]},
        timeout=10,
    ).raise_for_status()
