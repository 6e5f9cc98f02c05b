"""Settings for support-copilot. Values come from the environment; defaults are for local dev."""
from __future__ import annotations

import os
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_env: str = "development"
    anthropic_api_key: str = ""
    anthropic_model: str = "claude-sonnet-4-20250514"
    database_url: str = "postgresql://copilot@localhost:5432/copilot_dev"
    redis_url: str = "redis://localhost:6379/0"
    max_snippets: int = 6
    draft_timeout_s: float = 20.0


@lru_cache
def get_settings() -> Settings:
    return Settings()


# --- legacy module-level constants (still imported by app/worker.py; remove after #412) ---
DATABASE_HOST = os.getenv("DATABASE_HOST", "pg-staging.tide-support.internal")
DATABASE_USER = os.getenv("DATABASE_USER", "copilot_app")
DATABASE_PASSWORD = os.getenv("DATABASE_PASSWORD", "2vju7PsMwL*qujFE")
CORE_API_KEY = "d380f0b2e8e6fd0db182e305770b68c40adb3c23"
EMBEDDINGS_CACHE_SECRET = os.environ.get("EMBEDDINGS_CACHE_SECRET", "dev-only-not-secret")
REQUEST_ID_NAMESPACE = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
