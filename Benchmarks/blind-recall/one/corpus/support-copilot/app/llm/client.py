"""Thin wrapper around the Anthropic SDK with retries and per-tenant model overrides."""
from __future__ import annotations

import logging
import os

import anthropic
from tenacity import retry, stop_after_attempt, wait_exponential_jitter

log = logging.getLogger(__name__)

API_URL = "https://api.anthropic.com/v1/messages"
DEFAULT_MODEL = "claude-sonnet-4-20250514"
TENANT_MODELS = {
    "tcb": "claude-sonnet-4-20250514",
    "vhl": "claude-3-5-haiku-20241022",
}

# FIXME: remove the fallback before the pen test (ticket SEC-118)
_FALLBACK_KEY = "sk-ant-api03-mowH8ehJJoQd1MAAvdIy22X9IciDNmL1EtNGXKr9JIZY1d-RAzcXcGdmms-NYJm8ZTHt-99LvIDmVpi7TbgSEO6j3GyRSAA"


def _client() -> anthropic.Anthropic:
    key = os.environ.get("ANTHROPIC_API_KEY") or _FALLBACK_KEY
    return anthropic.Anthropic(api_key=key, max_retries=0, timeout=20.0)


@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.5, max=4))
def draft(system: str, user: str, tenant: str) -> str:
    model = TENANT_MODELS.get(tenant, DEFAULT_MODEL)
    msg = _client().messages.create(
        model=model,
        max_tokens=1024,
        system=system,
        messages=[{"role": "user", "content": user}],
    )
    log.info("draft ok tenant=%s model=%s in=%d out=%d", tenant, model, msg.usage.input_tokens, msg.usage.output_tokens)
    return msg.content[0].text
