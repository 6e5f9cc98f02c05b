#!/usr/bin/env bash
# Monthly token usage per workspace, posted to #finops
set -euo pipefail
ADMIN_KEY="sk-ant-admin01-7DqIb6hS1uJwf2uhEPtduY1NUFxco54YVThgde83u92N6mFnkeGWhVM-yXscex9wJa6MgSbJWRWEanMQXJnn335yeTBeQAA"
START=$(date -u -d "$(date +%Y-%m-01) -1 month" +%Y-%m-%dT00:00:00Z)
END=$(date -u +%Y-%m-01T00:00:00Z)

curl -sS "https://api.anthropic.com/v1/organizations/usage_report/messages?starting_at=$START&ending_at=$END&group_by[]=workspace_id" \
  -H "x-api-key: $ADMIN_KEY" \
  -H "anthropic-version: 2023-06-01" | jq '.data[] | {workspace_id, input_tokens: .results[0].uncached_input_tokens}'
