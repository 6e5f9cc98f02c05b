#!/bin/sh
# Post-deploy smoke test. Exits non-zero if any endpoint is unhealthy.
set -e

check() {
  code=$(curl -s -o /dev/null -w '%{http_code}' "$1")
  [ "$code" = "200" ] || { echo "FAIL $1 -> $code"; exit 1; }
  echo "ok   $1"
}

check https://copilot.tide-support.net/health
check https://claims.pcole-internal.net/actuator/health
check "https://monitor:DqzHMxkN2tdX67Z09o@grafana.platform.internal/api/health"
check "https://ci-bot: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@raw.githubusercontent.com/platform-eng/status/main/ok.txt"

# legacy billing API uses HTTP basic
curl -fsS -u billing-smoke:Garnet-Quartz-2177 https://billing.internal.sce-platform.net/api/ping
