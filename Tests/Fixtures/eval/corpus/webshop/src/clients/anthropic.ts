import Anthropic from "@anthropic-ai/sdk";

// Keys are read from the environment; never hard-code them.
export const anthropic = new Anthropic({
  apiKey: process.env.ANTHROPIC_API_KEY,
});

export function assertConfigured(): void {
  if (!process.env.ANTHROPIC_API_KEY) {
    throw new Error("ANTHROPIC_API_KEY is not set (expected something like sk-ant-api03-…)");
  }
}

export async function describeProduct(name: string): Promise<string> {
  const msg = await anthropic.messages.create({
    model: "claude-sonnet-4-20250514",
    max_tokens: 300,
    messages: [{ role: "user", content: `Write a 2-sentence description of ${name}.` }],
  });
  return msg.content[0].type === "text" ? msg.content[0].text : "";
}
