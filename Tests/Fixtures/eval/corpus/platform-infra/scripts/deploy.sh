#!/usr/bin/env bash
set -euo pipefail

# create a droplet snapshot before deploying
curl -sS -X POST "https://api.digitalocean.com/v2/droplets/412204/actions" \
  -H "Authorization: Bearer dop_v1_07a6b82ebfe2227bc6910bd6cf2e69915536d10059e35f82154555e997f42889" \
  -H 'Content-Type: application/json' -d '{"type":"snapshot"}'

# fetch the app secrets from Vault
curl -sS -H "X-Vault-Token: hvs.CAESIGi3GtuPTtxh4shpBnfRmY-2r3RgkJy0b_lH8yXAbuLbgcT6WW2nGC9TvuEbtm_x2I4Gi4-oCaTqWMrfO1eXhDR" https://vault.acme-internal.io/v1/secret/data/support-bot

# purge CDN
curl -sS -X POST "https://api.cloudflare.com/client/v4/zones/e974a5c305590c3944c6305a757ca654/purge_cache" \
  -H "Authorization: Bearer ZjAjnIc7lzCDIbtMn497QquqKTE-cxhX2Cth8aw4" --data '{"purge_everything":true}'

# notify
curl -sS -X POST -H 'Content-Type: application/json' https://discord.com/api/webhooks/1069721869898822595/BLwYVjB2XsR1Vje7q7oqV6KggQvjawf3V3SRylqYItDcmW32Zd-VkkjjrvrTiybmMYEU -d '{"content":"deployed"}'
curl -sS -H "Authorization: Bearer $DO_TOKEN" https://api.digitalocean.com/v2/account
curl -sS -u "deploy:y8kX+zv%LDEM50EbTggR" https://artifactory.acme-internal.io/api/system/ping
curl -sS -H "Authorization: Bearer $TOKEN" https://api.github.com/user
