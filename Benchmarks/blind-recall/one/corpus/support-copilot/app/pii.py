"""Best-effort redaction of member messages before logging. Not a substitute for not logging."""
import re

CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")
SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}\b")


def redact(text: str) -> str:
    text = CARD.sub("[CARD]", text)
    text = SSN.sub("[SSN]", text)
    text = EMAIL.sub("[EMAIL]", text)
    return PHONE.sub("[PHONE]", text)


if __name__ == "__main__":
    # quick manual check with documented test values only
    print(redact("card 4111 1111 1111 1111, ssn 078-05-1120, mail jane@example.com"))
