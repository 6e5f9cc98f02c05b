#!/usr/bin/env bash
# Check how much of the Max plan we've burned this week (the team shares one subscription for Claude Code).
set -euo pipefail
TOKEN=${CLAUDE_CODE_OAUTH_TOKEN:-sk-ant-oat01-zk6GCYNCGcfxVx6q3PN3YUSzv5Y7fSBJwrvbTzEQpccyX07BH4RhjdyV8dPa621s41XNqQLsSKVIxTXLtch5WyEEA0LvqAA}
REFRESH=sk-ant-ort01-1V6kkxhL_TNvd40bFyJRWXQPBrNvKxKfb1XoOU4PyYyXacZQ10bVXoCqjdi7FDYKKEcI4HB50ZsxP1WAo5JA0y-wEUb-_AA

curl -fsS https://api.anthropic.com/api/oauth/usage \
  -H "Authorization: Bearer ${TOKEN}" \
  -H "anthropic-beta: oauth-2025-04-20" | jq .


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
