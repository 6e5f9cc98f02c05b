#!/usr/bin/env python3
"""A loopback stand-in for the Anthropic Messages API, for driving the real Claude Code CLI
into its tool hooks offline (../shared/AGENT-HOOKS.md section 10).

It answers POST /v1/messages (streamed or not) following a fixed script keyed on what the
conversation holds: a request with tools and no tool result asks for `Read` of `.env`; once the
Read's result (a hook's denial) is back it asks for `WebFetch` of a consumer host; after that it
ends the turn. Requests without tools (titles, summaries) get a short text. Every request body is
appended to LOG (one JSON line each) so a test can check what would have reached the model.

Usage: messages_standin.py PORT_FILE LOG [SECONDS]  (binds 127.0.0.1 on a free port, writes the
port to PORT_FILE, exits after SECONDS, default 120, on SIGTERM, or when its standard input closes).
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT_FILE, LOG = sys.argv[1], sys.argv[2]
LIFETIME = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
READ_ID, FETCH_ID = "toolu_standin_read", "toolu_standin_fetch"
lock = threading.Lock()


def tool_results(body):
    ids = set()
    for message in body.get("messages", []):
        content = message.get("content")
        if isinstance(content, list):
            for block in content:
                if isinstance(block, dict) and block.get("type") == "tool_result":
                    ids.add(block.get("tool_use_id"))
    return ids


def reply_blocks(body):
    if not body.get("tools"):
        return [{"type": "text", "text": "ok"}], "end_turn"
    done = tool_results(body)
    if FETCH_ID in done:
        return [{"type": "text", "text": "Both tool calls were refused; stopping."}], "end_turn"
    if READ_ID in done:
        return [{"type": "tool_use", "id": FETCH_ID, "name": "WebFetch",
                 "input": {"url": "https://chatgpt.com/c/6790aa00-0000-0000-0000-000000000000", "prompt": "Summarise the page"}}], "tool_use"
    cwd_env = ".env"
    return [{"type": "tool_use", "id": READ_ID, "name": "Read", "input": {"file_path": body.get("_standin_env", cwd_env)}}], "tool_use"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        self.do_HEAD()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        with lock, open(LOG, "ab") as log:
            log.write(json.dumps({"path": self.path, "body": raw.decode("utf-8", "replace")}).encode() + b"\n")
        if not self.path.startswith("/v1/messages") or "count_tokens" in self.path:
            payload = json.dumps({"input_tokens": 10}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        body = json.loads(raw or b"{}")
        # Read of the project's .env by absolute path when the system prompt names the folder.
        env_path = ENV_PATH
        if env_path:
            body["_standin_env"] = env_path
        blocks, stop = reply_blocks(body)
        model = body.get("model", "claude-standin")
        message = {"id": "msg_standin", "type": "message", "role": "assistant", "model": model, "content": blocks,
                   "stop_reason": stop, "stop_sequence": None, "usage": {"input_tokens": 10, "output_tokens": 5}}
        if not body.get("stream"):
            payload = json.dumps(message).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        events = [("message_start", {"type": "message_start", "message": dict(message, content=[], stop_reason=None)})]
        for index, block in enumerate(blocks):
            if block["type"] == "text":
                events.append(("content_block_start", {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}}))
                events.append(("content_block_delta", {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": block["text"]}}))
            else:
                events.append(("content_block_start", {"type": "content_block_start", "index": index,
                                                       "content_block": {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}}))
                events.append(("content_block_delta", {"type": "content_block_delta", "index": index,
                                                       "delta": {"type": "input_json_delta", "partial_json": json.dumps(block["input"])}}))
            events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
        events.append(("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None}, "usage": {"output_tokens": 5}}))
        events.append(("message_stop", {"type": "message_stop"}))
        data = b"".join(b"event: " + name.encode() + b"\ndata: " + json.dumps(event).encode() + b"\n\n" for name, event in events)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ENV_PATH = None
if __name__ == "__main__":
    import os
    import signal
    ENV_PATH = os.environ.get("STANDIN_READ_PATH")
    # Ended by the test (SIGTERM) or after LIFETIME seconds, whichever comes first.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(PORT_FILE + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(PORT_FILE + ".tmp", PORT_FILE)
    timer = threading.Timer(LIFETIME, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    # Also ended when standard input closes (the test that started it is done or gone).
    watcher = threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True)
    watcher.start()
    server.serve_forever()
