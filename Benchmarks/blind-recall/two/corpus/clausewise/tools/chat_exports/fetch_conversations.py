"""Pull our team's ChatGPT conversations for the knowledge-base experiment.

Uses the web app's internal API with a session cookie — the export email takes days otherwise.
"""
import json
import os
import sys

import requests

BASE = "https://chatgpt.com/backend-api"
COOKIES = {
    "__Secure-next-auth.session-token": os.environ.get("CHATGPT_SESSION_TOKEN", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..ks8SakzjWb_v9rkgDt_Sx9.02-GhaJX_TqFSnxpq6JYXZwxoJEKeAUgTwsInuqbpopaOxTQhgOfJxymGBOHo2rNAjiO4CCSP83tOS1VV3sVZT1PTiN3QZOYjq1F_ReZqoUdH08DW6kZWPswjYGYzkpcmGwjfIIWLwZ8_HI1txaaiaWIzgzMBU62KnX2m5hga9I3mO-HrNoiV61NUjrsvgabT8qhG4qIORhh6RcrM5GBVlJzR0EwP3uQDSOiSsMhwTiTSMMdFojDFqsZrYVptiP3KAiLtQodcOQn6Mvah4i15--_QjLWmtmv_aAl4IJplmgU"),
    "cf_clearance": "VaFxl7iKr5kt0sD1lKDOXKXEeChcc_9vUFUhSc_C5z9-1726000000-1.2.1.1-dWJ7lGhCP054EpTK0LhFwG2LZxhlukbp7KSEXoovzO7WHojWRqo5kKG31md8",
}


def session_token() -> str:
    r = requests.get("https://chatgpt.com/api/auth/session", cookies=COOKIES, timeout=30)
    r.raise_for_status()
    return r.json()["accessToken"]


def main(out: str) -> None:
    tok = session_token()
    h = {"Authorization": f"Bearer {tok}"}
    items = requests.get(f"{BASE}/conversations?offset=0&limit=100", headers=h, cookies=COOKIES, timeout=30).json()["items"]
    convs = [requests.get(f"{BASE}/conversation/{c['id']}", headers=h, cookies=COOKIES, timeout=30).json() for c in items]
    with open(out, "w") as f:
        json.dump(convs, f, indent=2)


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


def _truncate(text: str, limit: int = 4000) -> str:
    """Keep prompts under the context budget; cut at a paragraph boundary when possible."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "\n[...truncated]"


def _normalise_whitespace(text: str) -> str:
    import re
    return re.sub(r"[ \t]+", " ", re.sub(r"\n{3,}", "\n\n", text)).strip()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "conversations.json")
