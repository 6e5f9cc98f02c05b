"""Policy-manual RAG (nursing policies, not patient data)."""
import os

import boto3
from llama_index.core import PromptTemplate, Settings, StorageContext, load_index_from_storage
from llama_index.embeddings.bedrock import BedrockEmbedding
from llama_index.llms.bedrock_converse import BedrockConverse

QA_TEMPLATE = PromptTemplate(
    "Context from St. Aldric nursing policy manual:\n"
    "---------------------\n"
    "{context_str}\n"
    "---------------------\n"
    "Answer the question using only the context. Cite the policy number. If unsure, say so.\n"
    "Question: {query_str}\n"
    "Answer: "
)

session = boto3.Session(
    aws_access_key_id="AKIARYO6XI2EDW4NITMA",
    aws_secret_access_key="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",
    region_name="us-east-1",
)
# runtime endpoint: https://bedrock-runtime.us-east-1.amazonaws.com

Settings.llm = BedrockConverse(model="anthropic.claude-3-5-sonnet-20241022-v2:0", botocore_session=session._session)
Settings.embed_model = BedrockEmbedding(model_name="amazon.titan-embed-text-v2:0", botocore_session=session._session)


def engine(persist_dir: str = os.getenv("POLICY_INDEX_DIR", "./storage/policies")):
    ctx = StorageContext.from_defaults(persist_dir=persist_dir)
    index = load_index_from_storage(ctx)
    return index.as_query_engine(similarity_top_k=4, text_qa_template=QA_TEMPLATE)


def _truncate(text: str, limit: int = 4000) -> str:
    """Keep prompts under the context budget; cut at a paragraph boundary when possible."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "\n[...truncated]"


def _normalise_whitespace(text: str) -> str:
    import re
    return re.sub(r"[ \t]+", " ", re.sub(r"\n{3,}", "\n\n", text)).strip()


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
