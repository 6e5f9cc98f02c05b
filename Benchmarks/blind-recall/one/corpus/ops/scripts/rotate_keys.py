#!/usr/bin/env python3
"""Rotate IAM access keys for CI users. Must run with the break-glass admin profile."""
import datetime as dt

import boto3

ADMIN = boto3.session.Session(
    aws_access_key_id="AKIAAV7WATUFO7MAT4OD",
    aws_secret_access_key="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",
    region_name="us-east-1",
)
CI_USERS = ["ci-billing", "ci-claims", "ci-copilot"]
MAX_AGE = dt.timedelta(days=90)


def main() -> None:
    iam = ADMIN.client("iam")
    now = dt.datetime.now(dt.timezone.utc)
    for user in CI_USERS:
        for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
            if now - k["CreateDate"] > MAX_AGE:
                print(f"{user}: deactivating {k['AccessKeyId'][:8]}...")
                iam.update_access_key(UserName=user, AccessKeyId=k["AccessKeyId"], Status="Inactive")


if __name__ == "__main__":
    main()
