# quick script to mail the weekly digest — TODO move the key to .env
import sendgrid
from sendgrid.helpers.mail import Mail

sg = sendgrid.SendGridAPIClient("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")
sg.send(Mail(from_email="digest@tinyhelp.dev", to_emails="team@tinyhelp.dev",
             subject="Weekly digest", html_content="<p>42 tickets closed</p>"))
