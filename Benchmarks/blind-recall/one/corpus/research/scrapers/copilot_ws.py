import asyncio
import json
import uuid

import websockets

COPILOT_WS = "wss://copilot.microsoft.com/c/api/chat?api-version=2"
CONV_URL = "https://copilot.microsoft.com/c/api/conversations"
BING_U = "zHjJluS_GLoUuiI_lih8xiA7dJ93ik2i7WQwcngZ4Gf9Qg7BL2APRB1wL-P0qi0yh3TfN-M-8tYJ5ORA8Vfa1jvNOvIlSQZmur3tKS_3WeVCPQmHw8II362L_L9t-04bsnaC3wZAPt3HFjTtRVrw4F0tttc0zdS728gWn8nJ"


async def ask(prompt: str) -> str:
    headers = {"Cookie": f"_U={BING_U}", "Origin": "https://copilot.microsoft.com"}
    async with websockets.connect(COPILOT_WS, extra_headers=headers) as ws:
        await ws.send(json.dumps({"event": "send", "conversationId": str(uuid.uuid4()),
                                  "content": [{"type": "text", "text": prompt}], "mode": "chat"}))
        parts = []
        async for msg in ws:
            ev = json.loads(msg)
            if ev.get("event") == "appendText":
                parts.append(ev["text"])
            if ev.get("event") == "done":
                break
        return "".join(parts)


if __name__ == "__main__":
    print(asyncio.run(ask("hello")))
