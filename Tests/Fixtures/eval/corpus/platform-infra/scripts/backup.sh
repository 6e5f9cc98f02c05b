#!/bin/sh
export AWS_ACCESS_KEY_ID=AKIABFJTFBEJSPMHX3YF
export AWS_SECRET_ACCESS_KEY=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
export PGPASSWORD=Q!_nJV7TJ!i!5QGGl-ezgJ2w%Iyu
pg_dump -h pg-primary -U platform platform | gzip | aws s3 cp - s3://acme-backups/platform/$(date +%F).sql.gz
mysqldump --password=rUjrSKdg1fn2i3isZW -u root shop > /tmp/shop.sql
echo "backup done: $(sha256sum /tmp/shop.sql)"
