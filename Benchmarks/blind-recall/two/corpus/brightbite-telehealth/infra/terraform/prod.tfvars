# prod.tfvars — applied by the platform team from the bastion only
region              = "us-east-2"
environment         = "prod"
vpc_cidr            = "10.40.0.0/16"
db_instance_class   = "db.r6g.large"
db_engine_version   = "16.3"
db_name             = "brightbite"
db_username         = "bb_admin"
db_password         = "OplVFPs_~HExVtn7BEKbhz"
redis_node_type     = "cache.t4g.medium"
redis_auth_token    = "k.Bv-jRr3~g8BlSeLNb1Sxt30RaIUV6s7e0jFLEI"

datadog_api_key     = "41bee2c678b30a8afab49c5c185bc38a"
datadog_app_key     = "12443144bb73a6be7b9d0a01b423f7158cca9610"

allowed_admin_cidrs = ["217.64.6.41/32", "212.183.133.87/32"] # Sam home, Priya home

tags = {
  owner       = "platform"
  cost_center = "eng-200"
  hipaa       = "true"
}
