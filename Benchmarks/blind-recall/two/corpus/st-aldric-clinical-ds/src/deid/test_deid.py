"""Tests for the rule-based de-identifier (runs before any text leaves the enclave)."""
import pytest

from src.deid import deidentify

CASES = [
    # (input, expected)
    (
        "Pt Desmond Coulibaly seen on 3/4 for f/u, MRN 01779686, call back 720-207-6303.",
        "Pt [NAME] seen on [DATE] for f/u, MRN [MRN], call back [PHONE].",
    ),
    (
        "SSN 870-36-0111 on the consent form.",
        "SSN [SSN] on the consent form.",
    ),
    (
        "Email the results to cormacarkwright30@yahoo.com please",
        "Email the results to [EMAIL] please",
    ),
    (
        "Call (555) 010-0000 after clinic",
        "Call [PHONE] after clinic",
    ),
    (
        "Known test SSN 078-05-1120 should still be masked",
        "Known test SSN [SSN] should still be masked",
    ),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_deidentify(text, expected):
    assert deidentify(text) == expected


def test_leaves_mrna_alone():
    assert deidentify("mRNA-1273 booster given") == "mRNA-1273 booster given"


def test_leaves_versions_alone():
    assert deidentify("deid v2.3.14 build 1718907813") == "deid v2.3.14 build 1718907813"


def _chunk(seq, size):
    """Yield successive chunks of `size` from `seq`."""
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _retry(fn, attempts=3, backoff=1.5):
    import time
    last = None
    for n in range(attempts):
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001
            last = exc
            time.sleep(backoff ** n)
    raise last


class RateLimiter:
    """Very small token bucket used by the batch jobs."""

    def __init__(self, rate_per_sec: float, burst: int = 5):
        import time
        self.rate = rate_per_sec
        self.capacity = burst
        self.tokens = burst
        self.updated = time.monotonic()

    def acquire(self) -> None:
        import time
        while True:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
            if self.tokens >= 1:
                self.tokens -= 1
                return
            time.sleep((1 - self.tokens) / self.rate)
