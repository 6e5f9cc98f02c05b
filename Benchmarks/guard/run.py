#!/usr/bin/env python3
"""Per-call latency of `promptscan guard` as an agent runs it (one process per hook event), beside
claude-secret-scan from PyPI run the same way, in the same run.

Two payloads, shaped as Claude Code sends them (../shared/AGENT-HOOKS.md section 1.2):
  prompt-4k   UserPromptSubmit with a 4 KB prompt (prose, code and a stack trace; no secret)
  read-1m     PreToolUse Read of a 1 MB (1,000,000-byte) source file on disk (no secret; the hook reads the file)
Each tool gets the payload on standard input CALLS times (after WARMUP calls); the wall time of
each call (spawn to exit) is recorded; p50, p95 and mean are printed as a Markdown table.

Usage: Benchmarks/guard/run.py [--promptscan PATH] [--calls N] [--no-peer]
  --promptscan  the binary (default: .build/release/promptscan, else .build/debug/promptscan)
claude-secret-scan (pinned) is installed into a virtual environment under the system temporary
folder; when that fails the peer is skipped with a message.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PEER = "claude-secret-scan"
PEER_VERSION = "0.1.14"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def prompt_text(size):
    """About `size` bytes of prompt: prose, code, a stack trace (nothing sensitive)."""
    parts = [
        "Please refactor the retry logic in the HTTP client below so that it backs off exponentially "
        "and gives up after five attempts. Keep the public API unchanged and add unit tests.\n\n",
        "```python\nimport time\n\nclass Client:\n    def __init__(self, base_url, session):\n        self.base_url = base_url\n"
        "        self.session = session\n\n    def get(self, path, attempts=3):\n        for attempt in range(attempts):\n"
        "            response = self.session.get(self.base_url + path, timeout=10)\n            if response.status_code < 500:\n"
        "                return response\n            time.sleep(1)\n        raise RuntimeError('gave up')\n```\n\n",
        "The failing run printed:\n\nTraceback (most recent call last):\n  File \"app/jobs.py\", line 88, in run\n"
        "    client.get('/v1/items?page=2')\n  File \"app/client.py\", line 14, in get\n    raise RuntimeError('gave up')\n"
        "RuntimeError: gave up\n\n",
    ]
    text = ""
    while len(text) < size:
        text += parts[len(text) // 700 % len(parts)]
    return text[:size]


def source_file(path, size):
    """Exactly `size` bytes of Python source (nothing sensitive)."""
    line = "    result = compute_total(items, discount=0.15, currency='EUR')  # keep in sync with billing\n"
    text = ""
    index = 0
    while len(text) < size:
        text += f"def function_{index}(items):\n" + line * 6 + "    return result\n\n"
        index += 1
    with open(path, "w") as f:
        f.write(text[:size - 1] + "\n")


def peer_command():
    venv = os.path.join(tempfile.gettempdir(), f"promptscan-guard-bench-{PEER}-{PEER_VERSION}")
    exe = os.path.join(venv, "bin", PEER)
    if not os.path.exists(exe):
        try:
            subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True)
            subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "--disable-pip-version-check", f"{PEER}=={PEER_VERSION}"],
                           check=True, capture_output=True, timeout=300)
        except (subprocess.SubprocessError, OSError) as error:
            print(f"note: {PEER}=={PEER_VERSION} could not be installed ({error.__class__.__name__}); peer skipped", file=sys.stderr)
            return None
    return [exe, "--mode", "pre", "--client", "claude_code"]


def measure(command, payload, calls, warmup, cwd):
    times = []
    first = None
    for index in range(warmup + calls):
        start = time.perf_counter()
        done = subprocess.run(command, input=payload, capture_output=True, cwd=cwd)
        elapsed = (time.perf_counter() - start) * 1000
        if first is None:
            first = (done.returncode, done.stdout.decode(errors="replace").strip()[:120])
        if index >= warmup:
            times.append(elapsed)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, statistics.fmean(times), first


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--promptscan")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--no-peer", action="store_true")
    args = parser.parse_args()
    binary = args.promptscan
    if not binary:
        for flavour in ("release", "debug"):
            candidate = os.path.join(ROOT, ".build", flavour, "promptscan")
            if os.path.exists(candidate):
                binary = candidate
                break
    if not binary or not os.path.exists(binary):
        sys.exit("error: no promptscan binary; build it or pass --promptscan PATH")
    binary = os.path.abspath(binary)

    work = tempfile.mkdtemp(prefix="promptscan-guard-bench-")
    os.makedirs(os.path.join(work, ".git"))  # the settings search stops here
    big = os.path.join(work, "src", "billing.py")
    os.makedirs(os.path.dirname(big))
    source_file(big, 1_000_000)
    base = {"session_id": "bench", "transcript_path": "/home/u/.claude/projects/p/bench.jsonl", "cwd": work, "permission_mode": "default"}
    payloads = {
        "prompt-4k": json.dumps(dict(base, hook_event_name="UserPromptSubmit", prompt=prompt_text(4096))).encode(),
        "read-1m": json.dumps(dict(base, hook_event_name="PreToolUse", tool_name="Read", tool_input={"file_path": big}, tool_use_id="toolu_1")).encode(),
    }
    tools = [("promptscan guard", [binary, "guard"])]
    if not args.no_peer:
        peer = peer_command()
        if peer:
            tools.append((f"{PEER} {PEER_VERSION}", peer))

    print(f"binary: {binary}; {args.calls} calls per row after {args.warmup} warm-up calls; {os.cpu_count()} processors")
    print()
    print("| tool | payload | p50 ms | p95 ms | mean ms | first reply |")
    print("|---|---|---:|---:|---:|---|")
    for name, command in tools:
        for label, payload in payloads.items():
            p50, p95, mean, first = measure(command, payload, args.calls, args.warmup, work)
            reply = f"exit {first[0]}" + (f", `{first[1]}`" if first[1] else ", no output")
            print(f"| {name} | {label} | {p50:.1f} | {p95:.1f} | {mean:.1f} | {reply} |", flush=True)


if __name__ == "__main__":
    main()
