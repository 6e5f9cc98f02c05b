class User < ApplicationRecord
  has_secure_password
  validates :password, length: { minimum: 12 }, allow_nil: true
  # default for seeds only
  DEFAULT_PASSWORD = "password"
end
