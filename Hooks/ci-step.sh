#!/bin/sh
# Generic CI step: scan the lines the current branch adds over BASE (default origin/main).
# Exit 0 clean, 1 findings at or above fail-on, 2 configuration or git error (e.g. a shallow clone).
set -eu
BASE="${1:-origin/main}"
git fetch --quiet origin "${BASE#origin/}" || true
exec promptscan diff --base "$BASE" --format sarif --output promptscan.sarif
