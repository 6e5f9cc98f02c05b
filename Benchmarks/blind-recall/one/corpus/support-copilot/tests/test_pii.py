import pytest

from app.pii import redact


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("my card is 4242 4242 4242 4242", "my card is [CARD]"),
        ("amex 378282246310005 ok", "amex [CARD] ok"),
        ("ssn 219-09-9999 on file", "ssn [SSN] on file"),
        ("write to test.user@example.org", "write to [EMAIL]"),
        ("call (212) 555-0147 now", "call [PHONE] now"),
        ("order 2024-01-15 shipped", "order 2024-01-15 shipped"),
        ("trace id 7f3e9a1c-2b4d-4e8f-9a0b-1c2d3e4f5a6b", "trace id 7f3e9a1c-2b4d-4e8f-9a0b-1c2d3e4f5a6b"),
        ("build 1.4.22.8 deployed", "build 1.4.22.8 deployed"),
    ],
)
def test_redact(raw, expected):
    assert redact(raw) == expected


def test_regression_ticket_2291():
    # real message from the incident that started all this (member agreed to its use)
    raw = "Hi it's Vikram Ostrowski, my number changed to 412-869-4385 and my email is vostrowski@yahoo.com"
    out = redact(raw)
    assert "[PHONE]" in out and "[EMAIL]" in out
