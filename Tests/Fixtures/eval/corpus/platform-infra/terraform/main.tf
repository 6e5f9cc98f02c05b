terraform {
  cloud {
    organization = "acme"
    workspaces { name = "platform-prod" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA7ITCMHV4ZOMNBUFC"
  secret_key = "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"
}

provider "digitalocean" {
  token = var.do_token
}

provider "azurerm" {
  features {}
  client_id     = "1158ed85-417e-4345-99c2-f95f4ed816e8"
  client_secret = "Yu73Q~OGY~ZqBlNaD3qdXChmOJRr5Ui3Hn1pq9LR"
  tenant_id     = "3db22086-f012-4ad8-beac-d3e79d801b57"
}

resource "aws_db_instance" "main" {
  engine         = "postgres"
  instance_class = "db.t4g.medium"
  username       = "platform"
  password       = "oLFzybEbGTrw%EkWENY%ed8LP"
}

resource "random_password" "app" {
  length = 32
}
