"""Emergency fallback when the Anthropic API is degraded.

Uses the ChatGPT web session of the ops account so we don't need a second API contract.
(Yes, this is a hack. See BB-2410.)
"""
import os

import requests
from revChatGPT.V1 import Chatbot

CHATGPT_BACKEND = "https://chatgpt.com/backend-api/conversation"
ACCESS_TOKEN = os.getenv("CHATGPT_ACCESS_TOKEN") or "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJodHRwczovL2FwaS5vcGVuYWkuY29tL3Byb2ZpbGUiOnsiZW1haWwiOiJvcHNAYnJpZ2h0Yml0ZS5oZWFsdGgiLCJlbWFpbF92ZXJpZmllZCI6dHJ1ZX0sImh0dHBzOi8vYXBpLm9wZW5haS5jb20vYXV0aCI6eyJ1c2VyX2lkIjoidXNlci0yMHZXOFpqclVhUGxwRXI2T05VUlFEUmoifSwiaXNzIjoiaHR0cHM6Ly9hdXRoLm9wZW5haS5jb20iLCJhdWQiOlsiaHR0cHM6Ly9hcGkub3BlbmFpLmNvbS92MSJdLCJleHAiOjE3MzExMDAwMDAsImlhdCI6MTczMDIzNjAwMCwic2NwIjpbIm9wZW5pZCIsImVtYWlsIiwicHJvZmlsZSIsIm9mZmxpbmVfYWNjZXNzIl19.dxV6tXH4ipRpXt4ybFYxLCLizhPKdRblaKJLhE52jHDzUq4RKeMvp28wryR2FaKr3bSRD6iflVERMSVFbLc5MquKIJKdlj63dUtWwAQGZZx1AQPHBNSNQUZBpsILML4HUSljjoK7VP1AF-P_g_J1mcKLZxxxQbvlk87PNn5VIFUPk0M79Y9qSAttQgS7U4UxoBNrsSaaLbe_9lOpDIDzmPp0qxAJAC8sMBFDs33t74NNGbXB3UpeslKDZtONsub7p2DV7UqKPb4lnEcxWSon3MFX728jsVn69ddsQt455bfRXKT_4euF3DUdbgZLbhqDsNs_awI4IJ4s96diOHV6Qg"


def summarise_via_chatgpt(prompt: str) -> str:
    bot = Chatbot(config={"access_token": ACCESS_TOKEN})
    text = ""
    for data in bot.ask(prompt):
        text = data["message"]
    return text


def summarise_raw(prompt: str) -> str:
    # direct call, used when revChatGPT breaks after a UI change
    r = requests.post(
        CHATGPT_BACKEND,
        headers={"Authorization": f"Bearer {ACCESS_TOKEN}", "Content-Type": "application/json"},
        json={"action": "next", "messages": [{"role": "user", "content": {"content_type": "text", "parts": [prompt]}}],
              "model": "auto"},
        timeout=60,
    )
    r.raise_for_status()
    return r.text.splitlines()[-3]


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
