# Quick comparison harness: same prompt to Gemini web app vs the API.
# The web app answers differ from the API (grounding + different system prompt), which is what we're measuring.
from gemini_webapi import GeminiClient
import google.generativeai as genai
import asyncio

SECURE_1PSID = "g.a000X98M6zCZPw25liyvMVW5IVOhmMdOAjLE8KNnDliXaO1zlEyaK6SjbL1G8Ta97zFdBavsoJ4z6j9EnKuwjOiY8aI6N7sSfbzdjEX5pR9CM8F2v6m-5DxTyeWpMPkrjx6G-mR-1z6-_1fSAkOUN_"
SECURE_1PSIDTS = "sidts-CjEB-5oLrGi9KeSUneyIXoT-ePWz93jMaeN0GO9f7oQceekq3XlV0c3bbP_phNz49G8v"
WEB_APP = "https://gemini.google.com/app"

genai.configure(api_key="AIzaSy0WzeHgCWLDsEc--Bb1k2ZCPXsYcrCNmQl")
API_HOST = "generativelanguage.googleapis.com"


async def web_answer(prompt: str) -> str:
    client = GeminiClient(SECURE_1PSID, SECURE_1PSIDTS, proxy=None)
    await client.init(timeout=30, auto_close=False, close_delay=300)
    resp = await client.generate_content(prompt)
    return resp.text


def api_answer(prompt: str) -> str:
    model = genai.GenerativeModel("gemini-1.5-pro-002")
    return model.generate_content(prompt).text


if __name__ == "__main__":
    p = "Summarise the key changes in the 2024 HIPAA privacy rule NPRM in 5 bullets."
    print("WEB:", asyncio.run(web_answer(p)))
    print("API:", api_answer(p))
