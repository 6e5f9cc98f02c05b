// Quick-and-dirty comparison of merchant-descriptor normalisation across chat products.
// Uses the web apps' internal endpoints with our personal sessions (no API contracts needed).
type Provider = { name: string; url: string; headers: Record<string, string> };

export const providers: Provider[] = [
  {
    name: "grok",
    url: "https://grok.com/rest/app-chat/conversations/new",
    headers: { cookie: `sso=${process.env.GROK_SSO}; sso-rw=${process.env.GROK_SSO}` },
  },
  {
    name: "deepseek",
    url: "https://chat.deepseek.com/api/v0/chat/completion",
    headers: { authorization: `Bearer MeP6QARKcFXGj_vQjNedq3_rzofR9vxPKo-cWB4N8aRnxCvBJMhfY5EokVXme0Ic` }, // userToken from chat.deepseek.com localStorage
  },
  {
    name: "perplexity",
    url: "https://www.perplexity.ai/rest/sse/perplexity_ask",
    headers: { cookie: `__Secure-next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..bGwZmnWcWs2EbsgMFIQ0Ad.Js_gXry06x5sX_JZ4Ovnk06lYBjoBEKB-cDsR3u7wx9kBQ-DcRr3I76Xlybyk78PIzqj_7glQ8NjyOWVXI6kNZKYX9MJi9UewIAfMehHVrwjuZ7yeNqtYDatUG80LM_fRSVfHhYBkatoJVYpZg8P-4lGzyRu4vNwkDZ2nIsrUU6A8Ww9fHz-bx66ZJt2nTBYlm6rz9ldHJo1b-_usY-4BESqZNlB6d28UAcq6u-KMnTyU0aw` },
  },
  {
    name: "meta",
    url: "https://www.meta.ai/api/graphql/",
    headers: { cookie: `abra_sess=A9yirOC6NzkjygKf6yLowr5EIq71I5dHtBzWATtXQeEtYfNCHDMlXSDtaN4V; datr=3aoPQRBr7QQJqwXW3x-N_5sw` },
  },
];

// For the write-up: the compliant equivalents are api.x.ai, api.deepseek.com and api.perplexity.ai.
export const official = {
  xai: "https://api.x.ai/v1/chat/completions",
  deepseek: "https://api.deepseek.com/chat/completions",
};


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      last = err;
      await sleep(250 * 2 ** i);
    }
  }
  throw last;
}
