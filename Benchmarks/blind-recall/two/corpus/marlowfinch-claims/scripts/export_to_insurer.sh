#!/bin/bash
# Nightly bordereaux export to capacity partners. Run by cron on claims-batch-01.
# Each insurer gets a CSV of claims opened/closed in the period over SFTP.
set -e

DATE=$(date -d yesterday +%Y%m%d)
OUT=/var/lib/claims/exports
mkdir -p "$OUT"

psql "postgresql://export_ro:JjEuknhjGJgUggwb36xG@claims-db.mf.internal:5432/claims" \
  -c "\copy (select * from bordereaux where capacity='HGM' and period='${DATE}') to '${OUT}/HGM_${DATE}.csv' csv header"

# Harrowgate Mutual — SFTP with password auth (they still haven't set up our key)
sshpass -p 'xO1R*b0KGxoT9fhK2a' sftp -oBatchMode=no mf_tpa@sftp.harrowgate-mutual.co.uk <<EOF
cd /inbound/bordereaux
put ${OUT}/HGM_${DATE}.csv
bye
EOF

# Tollbridge — HTTPS upload with API key
curl -fsS -X PUT \
  -H "X-Api-Key: yTvIcUc4G94aVw9ZH5mvaLCwyKS6Ue2o1ul1vMCS" \
  --data-binary @"${OUT}/TFS_${DATE}.csv" \
  "https://files.tollbridge-fleet.com/api/upload/bordereaux/TFS_${DATE}.csv"

echo "exported ${DATE}"
