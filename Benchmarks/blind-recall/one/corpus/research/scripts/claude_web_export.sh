#!/usr/bin/env bash
# Export all Claude web-app conversations for the red-team review (one JSON per conversation).
set -euo pipefail
ORG="5ecf96ee-67d0-4704-b1f8-0ad804d7b593"
OUT=${1:-./exports/claude}
mkdir -p "$OUT"

COOKIE='sessionKey=sk-ant-sid01-fYsF5lzXLH7-pgSQrPFPxEb1RetTIXfClCxKRjTObZ60z-S-ZwhlAVWZmLOt-IpCpi5GXUM-Sqoa6uLjg_GUgx3PpIeYWAA; lastActiveOrg=5ecf96ee-67d0-4704-b1f8-0ad804d7b593'

curl -sS "https://claude.ai/api/organizations/$ORG/chat_conversations" \
  -H "Cookie: $COOKIE" -H 'Accept: application/json' > "$OUT/_index.json"

jq -r '.[].uuid' "$OUT/_index.json" | while read -r id; do
  curl -sS "https://claude.ai/api/organizations/$ORG/chat_conversations/$id?tree=True" \
    -H "Cookie: $COOKIE" > "$OUT/$id.json"
  sleep 1
done
echo "exported $(ls "$OUT" | wc -l) files"
