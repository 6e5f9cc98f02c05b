import OpenAI from "openai";

// Reads OPENAI_API_KEY from the environment.
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function triage(ticket: string): Promise<string> {
  const r = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: ticket }],
  });
  return r.choices[0].message.content ?? "";
}
