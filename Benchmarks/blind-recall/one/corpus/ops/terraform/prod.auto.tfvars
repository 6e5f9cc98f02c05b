region           = "us-east-1"
environment      = "prod"
vpc_cidr         = "10.40.0.0/16"
db_instance_type = "db.r6g.xlarge"
db_username      = "platform_admin"
db_password      = "Pylon86-birch99"

datadog_api_key = "7947d710ceced2888d961ef6d9407d44"
datadog_app_key = "7eaa7a9a3e19b077630a2248c1310ad015788e80"

github_token = "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"

tenants = {
  tcb  = { display_name = "Tidewater Community Bank", tier = "enterprise" }
  vhl  = { display_name = "Vireo Home Lending", tier = "standard" }
  nglx = { display_name = "Northgate Logistics", tier = "standard" }
  krh  = { display_name = "Kestrel Ridge Health", tier = "enterprise-hipaa" }
}
