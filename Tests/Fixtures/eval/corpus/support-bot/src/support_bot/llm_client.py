"""Thin wrapper around the Anthropic and OpenAI SDKs.  Keys come from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass

import anthropic
import openai


@dataclass
class LLMConfig:
    model: str = "claude-sonnet-4-20250514"
    api_key: str | None = None
    password: str = ""


def anthropic_client(cfg: LLMConfig) -> anthropic.Anthropic:
    key = cfg.api_key or os.environ["ANTHROPIC_API_KEY"]
    return anthropic.Anthropic(api_key=key)


def openai_client() -> openai.OpenAI:
    return openai.OpenAI(api_key=os.getenv("OPENAI_API_KEY"))


def groq_key() -> str:
    return os.environ.get("GROQ_API_KEY", "")
