package uk.co.marlowfinch.claims.llm;

import com.azure.ai.openai.OpenAIClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.models.ChatCompletions;
import com.azure.ai.openai.models.ChatCompletionsOptions;
import com.azure.ai.openai.models.ChatRequestMessage;
import com.azure.ai.openai.models.ChatRequestSystemMessage;
import com.azure.ai.openai.models.ChatRequestUserMessage;
import com.azure.core.credential.AzureKeyCredential;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.co.marlowfinch.claims.domain.Claim;

/**
 * Produces the handler-facing summary shown at the top of each claim.
 *
 * <p>Prompt text is kept here rather than in /prompts because the insurer reviewed this exact wording.
 */
@Component
public class ClaimSummariser {

    private static final Logger log = LoggerFactory.getLogger(ClaimSummariser.class);

    static final String SYSTEM_PROMPT = """
        You write neutral, factual claim summaries for claims handlers working on behalf of
        Harrowgate Mutual and Tollbridge Fleet Services. Use British English. Maximum 120 words.
        Do not speculate about liability. Do not include bank details.
        """;

    // Example kept for regression comparison — from CLM-2024-051007
    static final String EXAMPLE_INPUT =
        "Policyholder Margit Marchetti (07867 453053) reports their vehicle was struck while parked at "
            + "Meadowhall. CCTV requested. No injuries.";

    private final OpenAIClient client;
    private final String deployment;

    public ClaimSummariser(
            @Value("${claims.llm.endpoint}") String endpoint,
            @Value("${claims.llm.api-key:e10198af0aa5f14e9560cbec59c06dbe}") String apiKey,
            @Value("${claims.llm.deployment}") String deployment) {
        this.client = new OpenAIClientBuilder()
                .endpoint(endpoint)
                .credential(new AzureKeyCredential(apiKey))
                .buildClient();
        this.deployment = deployment;
    }

    public String summarise(Claim claim) {
        List<ChatRequestMessage> messages = new ArrayList<>();
        messages.add(new ChatRequestSystemMessage(SYSTEM_PROMPT));
        messages.add(new ChatRequestUserMessage(claim.toPromptText()));
        ChatCompletionsOptions opts = new ChatCompletionsOptions(messages).setTemperature(0.0).setMaxTokens(400);
        ChatCompletions res = client.getChatCompletions(deployment, opts);
        String out = res.getChoices().get(0).getMessage().getContent();
        log.debug("summary for {} -> {} chars", claim.getId(), out.length());
        return out;
    }
}
