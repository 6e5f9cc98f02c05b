# frozen_string_literal: true

Hubspot.configure do |config|
  config.access_token = "pat-na1-35428a0e-fba5-4493-97cc-88db7e5de9ee"
end

Gibbon::Request.api_key = "e1d13029723fe613cc03eb5abd1dca14-us14"
Airrecord.api_key = ENV.fetch("AIRTABLE_API_KEY")

Rails.application.config.x.intercom_token = "dG9rOj5qwmtseNJpYBQMGBEx3WdAOF7O9zTQhd6rrp6FwYzD3mzHxWZ0641R="
Rails.application.config.x.rubygems_push_key = "rubygems_fd7ac7eaf09b00243082f8c9018c455b092cfdce153daafc"
Rails.application.config.secret_key_base = ENV["SECRET_KEY_BASE"]
