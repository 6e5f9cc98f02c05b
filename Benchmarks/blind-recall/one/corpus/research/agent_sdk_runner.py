"""Run the eval agent through the Agent SDK. Uses Kwame's Max plan so we don't burn API credits."""
import asyncio
import os

from claude_agent_sdk import ClaudeAgentOptions, query

os.environ.setdefault("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat01-NaYREsTKr3ACnMyl-DpDU2qhT_ACRLYCu2i9YCEwuzzDRUa63-2PUCcGLJV6Kq2AalRKgiFAhwSWCqPpt-V5CJiR2OMFuAA")

OPTIONS = ClaudeAgentOptions(
    system_prompt="You are an evaluation agent. Run the task and report pass/fail with evidence.",
    allowed_tools=["Read", "Grep", "Bash"],
    max_turns=20,
)


async def main(task: str) -> None:
    async for message in query(prompt=task, options=OPTIONS):
        print(message)


if __name__ == "__main__":
    asyncio.run(main("Run tests/evals/smoke.yaml and summarise failures."))
