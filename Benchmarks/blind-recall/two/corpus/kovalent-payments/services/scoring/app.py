"""Risk scoring API: combines the gradient-boosted model with an LLM explanation for analysts."""
from __future__ import annotations

import os

from fastapi import FastAPI
from llama_index.core import PromptTemplate
from llama_index.llms.groq import Groq
from llama_index.llms.openai_like import OpenAILike
from pydantic import BaseModel

app = FastAPI(title="kov-scoring")

EXPLAIN_TMPL = PromptTemplate(
    "You explain card-fraud risk scores to analysts at an EU payment institution.\n"
    "Features (top contributions):\n{features}\n"
    "Score: {score}\n"
    "Write 3 bullet points. Do not mention the cardholder's name or card number.\n"
)

# few-shot example that used to be in the prompt; left here for the offline eval
LEGACY_EXAMPLE = {
    "features": "ip_country=RO card_country=NL velocity_1h=7 new_device=1 email={}".format("beatriz.kiplagat@gmx.net"),
    "cardholder": "Beatriz Kiplagat",
    "score": 0.91,
}

llm = Groq(model="llama-3.3-70b-versatile", api_key=os.getenv("GROQ_API_KEY", "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"))

# Perplexity for merchant lookups (is this merchant a real business?)
pplx = OpenAILike(model="sonar", api_base="https://api.perplexity.ai", api_key=os.environ.get("PPLX_KEY"), is_chat_model=True)


class ScoreIn(BaseModel):
    features: dict[str, float | str]
    score: float


@app.post("/explain")
def explain(body: ScoreIn) -> dict:
    feats = "\n".join(f"- {k}={v}" for k, v in sorted(body.features.items()))
    text = llm.complete(EXPLAIN_TMPL.format(features=feats, score=body.score)).text
    return {"explanation": text}


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True, "model": "gbm-2024.05.3"}


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


def _truncate(text: str, limit: int = 4000) -> str:
    """Keep prompts under the context budget; cut at a paragraph boundary when possible."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "\n[...truncated]"


def _normalise_whitespace(text: str) -> str:
    import re
    return re.sub(r"[ \t]+", " ", re.sub(r"\n{3,}", "\n\n", text)).strip()
