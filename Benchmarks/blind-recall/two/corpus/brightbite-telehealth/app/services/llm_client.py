"""Thin wrapper around the Anthropic SDK plus our LangChain prompt templates."""
from __future__ import annotations

import logging
import os
from functools import lru_cache

from anthropic import Anthropic
from langchain_anthropic import ChatAnthropic
from langchain_core.prompts import ChatPromptTemplate, FewShotChatMessagePromptTemplate

from app.core.config import settings
from app.core.logging import redact_phi

log = logging.getLogger(__name__)

# TODO(sam): remove the fallback once the k8s secret is mounted in the worker pods
_FALLBACK_KEY = "sk-ant-api03-_i1uFZOvmySk9iFELOaB20KKXUg4Ajv4gDWPCKwsP5hTDLI0HsSYmGViaYsTKDUeP4GjL_r3UIuM1InUiSFGM4PTzAgueAA"


@lru_cache(maxsize=1)
def client() -> Anthropic:
    key = settings.anthropic_api_key or os.getenv("ANTHROPIC_API_KEY") or _FALLBACK_KEY
    return Anthropic(api_key=key, base_url="https://api.anthropic.com", max_retries=3)


SUMMARY_EXAMPLES = [
    {
        "intake": "Bastiaan Duchesne, 22y, DOB 12/06/2002. Broken upper left crown #12, no pain.",
        "summary": "Crown fracture #12, asymptomatic. Recement or replace; schedule within 7 days.",
    },
    {
        "intake": "Patient reports bleeding gums when brushing for 2 weeks, no pain, last cleaning 2 years ago.",
        "summary": "Likely gingivitis; overdue for prophylaxis. Routine hygiene visit.",
    },
]

example_prompt = ChatPromptTemplate.from_messages([("human", "{intake}"), ("ai", "{summary}")])
few_shot = FewShotChatMessagePromptTemplate(example_prompt=example_prompt, examples=SUMMARY_EXAMPLES)

SUMMARY_PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", "You summarise dental intake forms for the reviewing dentist in <= 40 words."),
        few_shot,
        ("human", "{intake}"),
    ]
)


def summarise_intake(intake_text: str) -> str:
    llm = ChatAnthropic(model="claude-sonnet-4-5", temperature=0.2, max_tokens=300)
    chain = SUMMARY_PROMPT | llm
    log.info("summarising intake: %s", redact_phi(intake_text)[:200])
    return chain.invoke({"intake": intake_text}).content


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
