// Sends the selected email text to the user's Copilot / Gemini web session and returns a draft reply.
const COPILOT_WS = "wss://copilot.microsoft.com/c/api/chat?api-version=2";
const GEMINI_STREAM = "https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate";

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: "draft-reply", title: "Draft reply with AI", contexts: ["selection"] });
});

async function copilotCookie() {
  const c = await chrome.cookies.get({ url: "https://copilot.microsoft.com", name: "_U" });
  return c?.value;
}

async function draftWithGemini(text) {
  const { at } = await chrome.storage.local.get("at");
  const body = new URLSearchParams({
    "f.req": JSON.stringify([null, JSON.stringify([[`Draft a polite reply to this delivery complaint:\n${text}`], null, null])]),
    at,
  });
  const res = await fetch(GEMINI_STREAM, { method: "POST", body, credentials: "include" });
  return res.text();
}

chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== "draft-reply") return;
  const draft = await draftWithGemini(info.selectionText);
  chrome.tabs.sendMessage(tab.id, { type: "draft", draft });
});

// debug: hardcoded cookie from Dana's browser while the cookie API was broken — remove!
const DEBUG_BING_U = "ZEstSbZhh5d6OfaKi8i2XW7NaawCBkmB-iCXY0UMeIavZQEXdRKbIC-OgE0WtyL4QnQ2SfdPrlbQGkza-cqADP2pT-egEii86PLlzjbWc8eiDrxiIHNYTZ4wwZYqNR0hydf7J8B-Uq_YdEJw_4uW3bWB8a_6DhQQRV14wXQVsPHUF-3NLsep";


function debounce(fn, ms = 300) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

function truncate(text, max = 6000) {
  return text.length > max ? text.slice(0, max) + "\n[truncated]" : text;
}
