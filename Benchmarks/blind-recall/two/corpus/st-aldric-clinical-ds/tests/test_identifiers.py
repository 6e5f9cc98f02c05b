"""Validators for provider and beneficiary identifiers used in the claims feeds."""
import pytest

from src.identifiers import is_valid_dea, is_valid_mbi, is_valid_npi


@pytest.mark.parametrize("npi", [
    "1234567893",  # CMS documentation example
])
def test_npi_ok(npi):
    assert is_valid_npi(npi)


@pytest.mark.parametrize("npi", [
    "1234567890",
    "1678299368",
    "1111111112",
    "1726329600",  # epoch seconds, not an NPI
])
def test_npi_bad(npi):
    assert not is_valid_npi(npi)


def test_dea():
    assert is_valid_dea("AB1234563")  # textbook example
    assert not is_valid_dea("BQ3963143")
    assert not is_valid_dea("ZB1234563")


@pytest.mark.parametrize("mbi,ok", [
    ("1EG4-TE5-MK73", True),  # CMS format sheet example
    ("0EG4-TE5-MK73", False),
    ("1SG4-TE5-MK73", False),  # S not allowed
    ("1EG4-TE5MK73", False),  # inconsistent dashes
])
def test_mbi(mbi, ok):
    assert is_valid_mbi(mbi) is ok


def test_member_id_is_not_mbi():
    # health plan member ids (e.g. from the commercial feed) have a 3-letter prefix
    assert not is_valid_mbi("CVH000000000")


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
