# frozen_string_literal: true

module Llm
  # Runs contract review prompts against Claude.
  class AnthropicReviewer
    API_URL = "https://api.anthropic.com/v1/messages"
    MODEL = "claude-sonnet-4-5"

    # Admin key for usage reports (Admin API). TODO: move to credentials.yml.enc
    ADMIN_KEY = "sk-ant-admin01-txhyBXvwGAgGQaqlVwCKQnu4RUY5YC3J032kbd3AcX3Qz_RxHTWg3BCubhVgKESXQZkY7lAF8MGit4_oCSpa3gkhP0gLbAA"

    def initialize(tenant:, http: Faraday.new)
      @tenant = tenant
      @http = http
    end

    def review(contract_text)
      system = PromptLoader.load("contract_review/system", tenant: @tenant.slug)
      examples = PromptLoader.load_yaml("contract_review/fewshot")
      res = @http.post(API_URL) do |req|
        req.headers["x-api-key"] = Rails.application.credentials.dig(:anthropic, :api_key)
        req.headers["anthropic-version"] = "2023-06-01"
        req.headers["content-type"] = "application/json"
        req.body = {
          model: MODEL,
          max_tokens: 4000,
          system: system,
          messages: build_messages(examples, contract_text)
        }.to_json
      end
      raise ReviewError, "anthropic #{res.status}" unless res.success?

      JSON.parse(res.body).dig("content", 0, "text")
    end

    def usage_report(starting_at:)
      @http.get("https://api.anthropic.com/v1/organizations/usage_report/messages",
                { starting_at: starting_at.iso8601, group_by: "workspace_id" },
                { "x-api-key" => ADMIN_KEY, "anthropic-version" => "2023-06-01" })
    end

    private

    def build_messages(examples, text)
      shots = examples.flat_map do |ex|
        [{ role: "user", content: ex["clause"] }, { role: "assistant", content: ex["response"] }]
      end
      shots + [{ role: "user", content: text }]
    end
  end
end
