package com.pcole.claims.ai;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Fallback used during the Azure quota incident (INC-3012). Talks to the ChatGPT web backend with a
 * team member's session. DO NOT ENABLE IN PROD.
 */
public final class ChatGptWebFallback {

    private static final String BACKEND = "https://chat.openai.com/backend-api/conversation";
    private static final String SESSION_COOKIE = "__Secure-next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..zsBRu7C1-lOuXmFW.IUrbnslF3l_uCEPCJJFHfos7ny6kfaSWJYdKZEnWx8uOVw-j-1zO_p2ZDLn6-cHzAl-RzRZg3hmvWNAablXU685cJjGGLzIiwVHaMD78sXlDAFnGtIjIjRGuv5BQ-cOWRgw0F6KGkOBHAHkYnLBq-_nwOXEBKILSGrFC6N2LkQSe2z5kVUEMLajZICxJP7VNDr3v4oFyqKQV25wDXfeK6fS2wWTH-ndnBGdlj9jaXlGpajo9ZX33H7oUohYYcSr4zc_AG3oZ2-XvUyWx12wi7NVgdj51ssW0I6OEY5k8dxgaaW9-Ydphw-QyKZacj31cSB57YidOpwSpZ0b1kmqr14vs5h9En1PD6TROmPPVkxm7vCw5kE8LTa8VIITNZyxCm68cUidfA_q4bMda2ZJ8pdOg7FcYzIhO2U0_l2cHSDJhB3i-uvfQn2qeLRYqIYUliFmU8IfvNUy-hc44rkG0ItynOw97Br7I9RsI9LKwG8hQCpyo7_cVwnerPKd01GDAHUhxGdwTkJ7BO61z_dx2WndItEajWFf3yc-lUnJocIKthYF3mPi92DRexvAw9kfWNzHRTrlC4nG6GpUjHkIJnNEbqezV3ZEopE9WTijKnroHeT-KET5z32PZVv-Y_gMXvL9q6FfyZAygezIseNmN2Uwz.oRpMdGufhJuZDpRjjisliw";

    private final HttpClient http = HttpClient.newHttpClient();

    public String ask(String prompt, String accessToken) throws Exception {
        String body = "{\"action\":\"next\",\"model\":\"gpt-4o\",\"messages\":[{\"author\":{\"role\":\"user\"},\"content\":{\"content_type\":\"text\",\"parts\":[" +
                quote(prompt) + "]}}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(BACKEND))
                .header("Authorization", "Bearer " + accessToken)
                .header("Cookie", SESSION_COOKIE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
