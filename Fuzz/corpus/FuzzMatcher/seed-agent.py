"""tinyhelp agent entry point: keys are read from the environment."""
import os
import sys

import anthropic

client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
SYSTEM = open(os.path.join(os.path.dirname(__file__), "..", "prompts", "system.md")).read()


def reply(question: str) -> str:
    msg = client.messages.create(
        model="claude-sonnet-4-20250514", max_tokens=400, system=SYSTEM,
        messages=[{"role": "user", "content": question}],
    )
    return msg.content[0].text


if __name__ == "__main__":
    print(reply(sys.argv[1]))
