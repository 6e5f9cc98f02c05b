#!/usr/bin/env bash
set -euo pipefail
echo "dckr_pat_dBKuadibVgBexXjphTb6i4Cz-2X" | docker login -u samacme --password-stdin
echo "$GHCR_TOKEN" | docker login ghcr.io -u sam-acme --password-stdin
