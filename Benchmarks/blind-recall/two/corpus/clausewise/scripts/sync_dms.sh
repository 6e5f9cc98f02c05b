#!/usr/bin/env bash
# Sync new matter documents from iManage Work to the ingest queue.
set -euo pipefail
IMANAGE=https://cloudimanage.com
CLIENT_ID=3e11aa23-5dd4-4663-953f-94484b07ad4b
CLIENT_SECRET=ZUbtHtTYWVnsmKyorALyai1avxsCTdvZKLVNGoOp

TOKEN=$(curl -fsS -X POST "$IMANAGE/auth/oauth2/token" \
  -d grant_type=password -d username=svc.clausewise@pembertonashby.com -d "password=uGNds#C*DqS20T!*oa" \
  -d client_id=$CLIENT_ID -d client_secret=$CLIENT_SECRET | jq -r .access_token)

curl -fsS -H "X-Auth-Token: $TOKEN" "$IMANAGE/api/v2/customers/1/libraries/ACTIVE/documents?edit_date_from=$(date -d '1 day ago' +%FT%T)" \
  | jq -c '.data[]' \
  | while read -r doc; do
      echo "$doc" | aws sqs send-message --queue-url "$INGEST_QUEUE" --message-body file:///dev/stdin >/dev/null
    done


log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

retry() {
  local n=0 max=${RETRIES:-3}
  until "$@"; do
    n=$((n + 1))
    if [ "$n" -ge "$max" ]; then
      log "giving up after $n attempts: $*"
      return 1
    fi
    sleep $((n * 2))
  done
}
