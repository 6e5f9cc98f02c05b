"""Drafts replies through the ChatGPT web app instead of the API (what promptscan flags)."""
import requests

SESSION = requests.Session()
SESSION.headers["Cookie"] = "__Secure-next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..Zk2LmN4vB7xT1rQp.pW9sD6fH3jK0aE5uIoYtR2"


def draft(prompt: str) -> str:
    response = SESSION.post("https://chatgpt.com/backend-api/conversation", json={"prompt": prompt})
    return response.text
