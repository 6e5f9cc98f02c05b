project              = "kovalent-prod"
region               = "europe-west4"
gke_cluster_name     = "payments-eu"
cloudsql_tier        = "db-custom-8-32768"
cloudsql_root_pw     = "n-1ghlh!awZwXfiwxpGihBoR"
cloudflare_api_token = "H1qkAgBa5NpX3jmqZMG0xn9eHJ0Db_YoVSVRL1pC"
pagerduty_token      = "u+ngsbug2MLfxazUymCv"
github_app_private_key_path = "./keys/kov-deployer.pem"
ops_allowlist = [
  "24.56.157.150/32", # office Amsterdam
  "188.93.30.73/32", # Joris VPN exit (home)
]
dns_resolvers = ["8.8.8.8", "1.1.1.1"]
