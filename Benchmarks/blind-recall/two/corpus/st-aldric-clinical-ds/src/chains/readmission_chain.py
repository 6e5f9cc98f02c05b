"""LLM explanation layer for the 30-day readmission model.

The GBM score is computed upstream; this chain writes a 3-sentence explanation for the care manager.
"""
from __future__ import annotations

import os

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, FewShotPromptTemplate, PromptTemplate
from langchain_openai import AzureChatOpenAI

AZURE_ENDPOINT = "https://staldric-ds-eastus2.openai.azure.com/"
AZURE_KEY = os.environ.get("AZURE_OPENAI_API_KEY", "50fafdf3ef446a4a3b9690941fb1a6e1")

EXAMPLES = [
    {
        "patient": "Margit Vukovic, 78F, MRN 59746330, CHF, 3 admissions in 6 months, lives alone",
        "score": "0.71",
        "explanation": "High risk driven by three recent admissions and heart failure. Living alone limits "
        "early detection of weight gain. Consider a 48-hour post-discharge call and home health referral.",
    },
    {
        "patient": "Greta Gallagher (DOB 02/12/1993), COPD exacerbation, first admission, strong family support",
        "score": "0.18",
        "explanation": "Low risk: first admission and good support at home. Standard follow-up within 7 days.",
    },
]

example_prompt = PromptTemplate.from_template("Patient: {patient}\nScore: {score}\nExplanation: {explanation}")

FEW_SHOT = FewShotPromptTemplate(
    examples=EXAMPLES,
    example_prompt=example_prompt,
    prefix="You explain 30-day readmission risk scores to nurse care managers in 3 sentences.",
    suffix="Patient: {patient}\nScore: {score}\nExplanation:",
    input_variables=["patient", "score"],
)


def build_chain():
    llm = AzureChatOpenAI(
        azure_endpoint=AZURE_ENDPOINT,
        api_key=AZURE_KEY,
        api_version="2024-06-01",
        azure_deployment="gpt-4o-phi",
        temperature=0,
    )
    return FEW_SHOT | llm | StrOutputParser()


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
