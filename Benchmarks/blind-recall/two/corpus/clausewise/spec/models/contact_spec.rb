# frozen_string_literal: true

require "rails_helper"

RSpec.describe Contact do
  describe "validations" do
    it "accepts a normal email" do
      expect(build(:contact, email: "counsel@example.com")).to be_valid
    end

    it "rejects a retina asset name" do
      expect(build(:contact, email: "logo@2x.png")).not_to be_valid
    end

    it "rejects an SSH remote" do
      expect(build(:contact, email: "git@github.com:clausewise/app.git")).not_to be_valid
    end

    it "normalises US phone numbers" do
      expect(build(:contact, phone: "(212) 555-0147").phone).to eq("+12125550147")
    end

    it "accepts UK drama-range numbers" do
      expect(build(:contact, phone: "+44 20 7946 0958")).to be_valid
    end

    it "does not treat version strings as phones" do
      expect(PhoneParser.parse("1.212.555.0147")).to be_nil
    end
  end

  describe "factory" do
    it "uses faker with a fixed seed" do
      Faker::Config.random = Random.new(20_240_910)
      expect(build(:contact).name).to be_present
    end
  end

  # Party names in factories come from a fixed list: "Acme Widgets Ltd", "Example Holdings plc",
  # never from real matters. A "retail group" or "health plan" party type is fine.
end
