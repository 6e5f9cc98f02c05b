#!/usr/bin/env bash
# publishes the notifier binary
export GITHUB_TOKEN=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
export GITLAB_TOKEN=$CI_JOB_TOKEN
goreleaser release --clean
curl -H "PRIVATE-TOKEN: glpat-y64HmxwTZQ_iePO1N5Bv" https://gitlab.com/api/v4/projects/123/releases
curl -H "Authorization: token ghp_7zCh5iVXRiNcw96YwkG7TWw3ZPrUmV3r7F1R" https://api.github.com/rate_limit
npm publish --//registry.npmjs.org/:_authToken=npm_XeSD7JWI2RRoSrMEdMfrDSOy7vbsA818zA04
