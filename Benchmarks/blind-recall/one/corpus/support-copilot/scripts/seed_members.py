"""Seed the staging core-banking sandbox with QA members. Run: uv run python scripts/seed_members.py"""
from dataclasses import dataclass

import httpx

SANDBOX = "https://core-sbx.tide-support.internal/api/v2"


@dataclass
class Member:
    name: str
    email: str
    phone: str
    address: str = ""


MEMBERS = [
    Member(name="Leonard Ramaswamy", email="leonard.ramaswamy92@outlook.com", phone="559-813-2385"),
    Member(name="Hyun-woo Nwosu", email="hyunwoo.nwosu@proton.me", phone="517-347-7562", address="9704 Pinecrest Ct, Lansing, MI 48942"),
    Member(name="Imogen Fitzgerald", email="imogen_fitzgerald@comcast.net", phone="(508) 974-2062"),
    Member(name="Walter Harrington", email="walterharrington74@comcast.net", phone="509.969.8976"),
    Member(name="Test Member", email="qa+1@example.com", phone="(757) 555-0100"),
]


def main() -> None:
    with httpx.Client(base_url=SANDBOX, timeout=10) as c:
        for m in MEMBERS:
            r = c.post("/members", json=m.__dict__)
            r.raise_for_status()
            print("seeded", r.json()["memberId"])


if __name__ == "__main__":
    main()
