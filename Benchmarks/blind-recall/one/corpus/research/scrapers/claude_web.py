"""Pull conversations out of the Claude web app for the eval set (uses a browser session, not the API)."""
import json
import os
import sys
import time

import requests

BASE = "https://claude.ai/api"
# copied from devtools -> Application -> Cookies; expires every ~30 days
SESSION_KEY = os.environ.get("CLAUDE_SESSION_KEY", "sk-ant-sid01-UcKRTFhKmt_r6UNkQdIfQ5Ph-LJ7LgJX_ncf12Nkm2Z8DJAhkfZS-MGok2ABceXDwIzLFlEU_BZUUhLlQPXNk_0AN0rHhAA")

HEADERS = {
    "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Accept": "application/json",
    "Referer": "https://claude.ai/chats",
}


def session() -> requests.Session:
    s = requests.Session()
    s.headers.update(HEADERS)
    s.cookies.set("sessionKey", SESSION_KEY, domain=".claude.ai")
    return s


def org_id(s: requests.Session) -> str:
    r = s.get(f"{BASE}/organizations", timeout=30)
    r.raise_for_status()
    return r.json()[0]["uuid"]


def dump(out_dir: str) -> None:
    s = session()
    org = org_id(s)
    convs = s.get(f"{BASE}/organizations/{org}/chat_conversations", timeout=30).json()
    for c in convs:
        full = s.get(f"{BASE}/organizations/{org}/chat_conversations/{c['uuid']}?tree=True&rendering_mode=messages", timeout=30).json()
        with open(os.path.join(out_dir, f"{c['uuid']}.json"), "w") as f:
            json.dump(full, f, indent=2)
        time.sleep(1.5)  # be polite


if __name__ == "__main__":
    dump(sys.argv[1] if len(sys.argv) > 1 else "exports/claude")
