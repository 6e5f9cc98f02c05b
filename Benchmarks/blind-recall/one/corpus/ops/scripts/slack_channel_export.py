#!/usr/bin/env python3
"""Export a Slack channel history to JSONL (used for the #ask-tide feedback analysis)."""
import json
import sys
import time

from slack_sdk import WebClient

# user token (needs channels:history on private channels the user is in)
client = WebClient(token="xoxp-924193688476-691738565598-0843214818050-ab397a7761eec0dece3472b000f3c5f2")


def export(channel: str, out: str) -> None:
    cursor = None
    with open(out, "w") as f:
        while True:
            resp = client.conversations_history(channel=channel, cursor=cursor, limit=200)
            for m in resp["messages"]:
                f.write(json.dumps({"ts": m["ts"], "user": m.get("user"), "text": m.get("text", "")}) + "\n")
            cursor = resp.get("response_metadata", {}).get("next_cursor")
            if not cursor:
                break
            time.sleep(1.2)


if __name__ == "__main__":
    export(sys.argv[1], sys.argv[2])
