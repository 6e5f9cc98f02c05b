"""Compare carrier-exception summaries across bots on Poe (one-off experiment, HAL-3002)."""
from poe_api_wrapper import PoeApi

tokens = {
    "p-b": "d3VbztAV_uY7KlD1GUVKWN%3D%3D",
    "p-lat": "JGKoE0tKY3veUFVK377dsH5ybrf2TX0KMxBSQZP_%3D",
}

client = PoeApi(tokens=tokens)  # talks to https://poe.com/api/gql_POST

for bot in ["Claude-3.5-Sonnet", "GPT-4o", "Gemini-1.5-Pro"]:
    for chunk in client.send_message(bot, "Summarise: Shipment HLY7Q2K9ZP41X0 delayed at Memphis hub, weather."):
        pass
    print(bot, chunk["text"][:200])

# the official API would be https://api.poe.com/v1 with a Poe API key


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
