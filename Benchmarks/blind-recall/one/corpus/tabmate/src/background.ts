// Service worker: fetches conversation lists from the chat apps using the user's own session.
import { saveConversations, type Conversation } from "./storage";

const CLAUDE_BASE = "https://claude.ai/api";
const CHATGPT_BASE = "https://chatgpt.com/backend-api";
const GEMINI_BATCH = "https://gemini.google.com/_/BardChatUi/data/batchexecute";

async function claudeOrgId(): Promise<string> {
  const res = await fetch(`${CLAUDE_BASE}/organizations`, { credentials: "include" });
  if (!res.ok) throw new Error(`claude orgs: ${res.status}`);
  const orgs = (await res.json()) as Array<{ uuid: string }>;
  return orgs[0].uuid;
}

export async function syncClaude(): Promise<number> {
  const org = await claudeOrgId();
  const res = await fetch(`${CLAUDE_BASE}/organizations/${org}/chat_conversations?limit=200`, {
    credentials: "include",
  });
  const list = (await res.json()) as Array<{ uuid: string; name: string; updated_at: string }>;
  const convs: Conversation[] = list.map((c) => ({ source: "claude", id: c.uuid, title: c.name, updatedAt: c.updated_at }));
  await saveConversations(convs);
  return convs.length;
}

async function chatgptAccessToken(): Promise<string> {
  const res = await fetch("https://chatgpt.com/api/auth/session", { credentials: "include" });
  const body = await res.json();
  return body.accessToken as string;
}

export async function syncChatGPT(): Promise<number> {
  const token = await chatgptAccessToken();
  const res = await fetch(`${CHATGPT_BASE}/conversations?offset=0&limit=100&order=updated`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { items } = (await res.json()) as { items: Array<{ id: string; title: string; update_time: string }> };
  const convs = items.map((c) => ({ source: "chatgpt", id: c.id, title: c.title, updatedAt: c.update_time }));
  await saveConversations(convs);
  return convs.length;
}

// Gemini has no list endpoint; we rely on the content script scraping the sidebar.
export function geminiEndpoint(): string {
  return GEMINI_BATCH;
}

chrome.alarms.create("sync", { periodInMinutes: 30 });
chrome.alarms.onAlarm.addListener(async (a) => {
  if (a.name !== "sync") return;
  await Promise.allSettled([syncClaude(), syncChatGPT()]);
});
