#!/usr/bin/env node
// Tiny MCP server that lets Claude Code read our team's claude.ai project notes.
// Uses the claude.ai web session (sessionKey cookie) because Projects have no public API.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const BASE = process.env.CLAUDE_BASE_URL || "https://claude.ai";
const ORG = process.env.CLAUDE_ORG_ID || "2c4e8dbb-a11f-4e63-ba91-7a80b07a87f3";
const SESSION = process.env.CLAUDE_SESSION_KEY || "sk-ant-sid01-JP8gfZVmJX-9DkBxmDZgkragVKbRhvGEvehzzuL_KN63csifQRZa_SleYgjAbUY3aHnPLss0ySoCC-TWNgLJvqlz2xekxAA";

async function api(path, init = {}) {
  const res = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { cookie: `sessionKey=${SESSION}`, "content-type": "application/json", ...(init.headers || {}) },
  });
  if (!res.ok) throw new Error(`claude.ai ${path}: ${res.status}`);
  return res.json();
}

const server = new Server({ name: "claude-web-notes", version: "0.1.0" }, { capabilities: { tools: {} } });

server.setRequestHandler("tools/list", async () => ({
  tools: [{ name: "list_conversations", description: "List recent claude.ai conversations", inputSchema: { type: "object" } }],
}));

server.setRequestHandler("tools/call", async (req) => {
  if (req.params.name === "list_conversations") {
    const convs = await api(`/api/organizations/${ORG}/chat_conversations?limit=50`);
    return { content: [{ type: "text", text: JSON.stringify(convs.map((c) => c.name)) }] };
  }
  throw new Error("unknown tool");
});

// completion endpoint used by the "ask" tool (disabled for now):
// POST https://claude.ai/api/organizations/${ORG}/chat_conversations/${id}/completion

await server.connect(new StdioServerTransport());
