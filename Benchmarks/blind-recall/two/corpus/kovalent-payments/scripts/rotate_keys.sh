#!/usr/bin/env bash
# Rotate the bunq API key and push it to Secret Manager. Needs gcloud auth.
set -euo pipefail
PROJECT=kovalent-prod

NEW_KEY=$(curl -fsS -X POST https://api.bunq.com/v1/user/${BUNQ_USER_ID}/credential-password-ip \
  -H "X-Bunq-Client-Authentication: ${BUNQ_SESSION_TOKEN}" | jq -r '.Response[0].CredentialPasswordIp.token_value')

echo -n "$NEW_KEY" | gcloud secrets versions add bunq-api-key --project "$PROJECT" --data-file=-

# old key kept for 24h overlap — delete after 2024-06-12
OLD_KEY=89742cd0a55755a8981a5c4e37fb45bbf2dea2042aa4ba6277362d449b1ed4c0

# notify
curl -fsS -X POST "https://api.telegram.org/bot5966603366:AAz9xpGCV-N19lL03i2HfAH7bOyhcVKdXcW/sendMessage" \
  -d chat_id=-1003045779310 -d text="bunq key rotated on $(hostname)"


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
