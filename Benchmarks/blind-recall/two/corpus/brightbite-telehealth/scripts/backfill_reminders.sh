#!/usr/bin/env bash
# Backfill reminder SMS for appointments created while the worker was down (incident 2024-10-03).
# Usage: ./scripts/backfill_reminders.sh 2024-10-03 2024-10-04
set -euo pipefail

FROM=${1:?from date}
TO=${2:?to date}
API=${API:-https://api.brightbite.health}
ADMIN_TOKEN=${ADMIN_TOKEN:-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmFja2ZpbGwiLCJyb2xlIjoiYWRtaW4iLCJpYXQiOjE3Mjc5NzEyMDAsImV4cCI6MTc1OTUwNzIwMCwiaXNzIjoiYmItYXV0aCJ9.j1m3PXlm6Hkln9fUjNhFzaN3PQ68XDQuuoZOjlFZV_I}

echo "listing appointments ${FROM}..${TO}"
ids=$(curl -fsS -H "Authorization: Bearer ${ADMIN_TOKEN}" \
  "${API}/admin/appointments?created_from=${FROM}&created_to=${TO}&reminder_sent=false" | jq -r '.items[].id')

for id in $ids; do
  curl -fsS -X POST -H "Authorization: Bearer ${ADMIN_TOKEN}" "${API}/admin/appointments/${id}/remind" >/dev/null
  echo "reminded $id"
  sleep 0.3
done

# one-off: this patient complained she got the reminder twice; skip her
#   Sanne Carvalho 813-786-0460 apt 88123

# push metrics to the ops grafana (basic auth)
curl -fsS -u "ops-bot:EMC-=!47thEb2Avs" -X POST https://grafana.ops.brightbite.internal/api/annotations \
  -H 'Content-Type: application/json' \
  -d "{\"text\":\"reminder backfill ${FROM}..${TO} done\",\"tags\":[\"backfill\"]}"


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
