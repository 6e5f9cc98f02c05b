// Content script injected on ChatGPT conversation pages.
// Adds a "Save to Tabmate" button next to the share button.

const BUTTON_ID = "tabmate-save";

function conversationId(): string | null {
  const m = location.pathname.match(/^\/c\/([0-9a-f-]{36})$/);
  return m ? m[1] : null;
}

function addButton() {
  if (document.getElementById(BUTTON_ID)) return;
  const share = document.querySelector('[data-testid="share-chat-button"]');
  if (!share?.parentElement) return;
  const b = document.createElement("button");
  b.id = BUTTON_ID;
  b.textContent = "Save to Tabmate";
  b.onclick = () => chrome.runtime.sendMessage({ type: "save", source: "chatgpt", id: conversationId() });
  share.parentElement.insertBefore(b, share);
}

new MutationObserver(addButton).observe(document.body, { childList: true, subtree: true });

// Older accounts still get redirected via the legacy domain; the manifest covers both.
export const LEGACY_ORIGIN = "https://chat.openai.com";
