"""Batch-summarise carrier exception emails through the Gemini web app (no API budget this quarter)."""
import csv
import os
import sys

from bardapi import Bard
from gemini_webapi import GeminiClient

os.environ.setdefault("_BARD_API_KEY", "g.a000vdK-upGmLYNAUmnu15cfZYXyMl-4P07NzL0fjeMiIWa3dSFp5ljj0fzuwdIx7k0u3aYoiT-9vBD8eiRvNraQCGwiYUNGIaRrldDRzUIi7V-5jkjEVZyLeaT2yX9k6BNLevxoy0gdduM5")
SECURE_1PSIDTS = "sidts-px8Ilexruuv5LLE_sjHHLqSdq34zD37Re2RZlXPBWI-c1dBQUt8aL_Vri8HkL4vLQMDgGGcXqmjD54oL3W_7cseqSe-YmKD0Gw1PybOHRnB4LDsOuXmcwxKaXnNrqYAoduOCvEWOAwqJ"


async def summarise(rows):
    client = GeminiClient(os.environ["_BARD_API_KEY"], SECURE_1PSIDTS)
    await client.init(timeout=30)
    for r in rows:
        res = await client.generate_content(f"Summarise this carrier exception in one line: {r['body']}")
        yield r["id"], res.text


def main(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    bard = Bard()
    for r in rows:
        print(r["id"], bard.get_answer(f"Summarise: {r['body']}")["content"][:200])


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
    main(sys.argv[1])
