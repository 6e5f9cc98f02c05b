package com.pcole.claims.ai;

import com.azure.ai.openai.OpenAIClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.models.*;
import com.azure.core.credential.AzureKeyCredential;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
public class ClaimsSummarizer {

    private static final String ENDPOINT = "https://pemberton-cole-claims.openai.azure.com";
    private static final String DEPLOYMENT = "gpt-4o-claims";
    private static final String API_KEY = "5e750d71e4279f708879b4e7be6a0a4f";

    private static final String SYSTEM = """
            You summarise first-notice-of-loss call transcripts for Pemberton & Cole property adjusters.
            Output loss type, date, location (city/state), damage, immediate risks, coverage questions.
            Never include phone numbers or street addresses.
            """;

    private final OpenAIClient client = new OpenAIClientBuilder()
            .endpoint(ENDPOINT)
            .credential(new AzureKeyCredential(API_KEY))
            .buildClient();

    public String summarise(String transcript) {
        var opts = new ChatCompletionsOptions(List.of(
                new ChatRequestSystemMessage(SYSTEM),
                new ChatRequestUserMessage(transcript)))
                .setTemperature(0.1)
                .setMaxTokens(900);
        return client.getChatCompletions(DEPLOYMENT, opts).getChoices().get(0).getMessage().getContent();
    }
}
