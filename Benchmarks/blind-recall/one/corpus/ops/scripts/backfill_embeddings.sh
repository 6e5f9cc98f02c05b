#!/usr/bin/env bash
# Backfill embeddings for documents added before the reindex job existed.
# Usage: ./backfill_embeddings.sh [batch_size]
set -euo pipefail

BATCH=${1:-200}
API=https://copilot.staging.tide-support.net
ADMIN_TOKEN="eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0ODkwNCIsImVtYWlsX3ZlcmlmaWVkIjp0cnVlLCJyb2xlIjoiYWRtaW4iLCJpYXQiOjE3NTM2Mjc1OTMsImV4cCI6MTc1NjIxOTU5MywiaXNzIjoiaHR0cHM6Ly9hdXRoLmludGVybmFsLXNzby5uZXQiLCJzY29wZSI6InJlYWQgd3JpdGUifQ.hZeZ7jfr8qhItHaP8RwnLQTNe7s-GK_GsFjd70TeZaM"

echo "fetching document ids..."
ids=$(curl -fsS -H "Authorization: Bearer ${ADMIN_TOKEN}" "$API/admin/documents?missing_embedding=true" | jq -r '.[].id')

n=0
for id in $ids; do
  curl -fsS -X POST \
    -H "Authorization: Bearer ${ADMIN_TOKEN}" \
    -H "Content-Type: application/json" \
    "$API/admin/documents/$id/embed" >/dev/null
  n=$((n+1))
  if (( n % BATCH == 0 )); then
    echo "embedded $n"; sleep 2
  fi
done

# notify
curl -fsS -X POST -H 'Content-type: application/json' \
  --data "{\"text\":\"backfill done: $n docs\"}" \
  https://hooks.slack.com/services/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
