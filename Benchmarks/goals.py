#!/usr/bin/env python3
"""Goal table for Benchmarks/run.sh (standard library only).

    goals.py RESULTS_DIR

Reads RESULTS_DIR/shared/summary.json (written by ../shared/bench/run-bench.sh; its figures are
used as they are, nothing is re-timed), RESULTS_DIR/threads.json and RESULTS_DIR/precommit.json
(written by measure.py; a matching *.skipped file holds the reason when a measurement was skipped),
prints one Markdown table of ratios against the performance goals and writes goals.md + goals.json.

A run that hit the harness timeout only gives a bound: its wall time is "> timeout".  A ratio
with a bound is shown as "<x" or ">x"; it is PASS or FAIL when the bound settles the goal and
"n/a" otherwise (typical in --quick mode, where betterleaks and kingfisher time out on one-big/).
"""
import json
import os
import sys

R = sys.argv[1]


def load(name):
    p = os.path.join(R, name)
    return json.load(open(p)) if os.path.exists(p) else None


def skipped(name):
    p = os.path.join(R, name + ".skipped")
    return open(p).read().strip() if os.path.exists(p) else None


summary = load("shared/summary.json") or {}
perf = summary.get("perf", {})
rows = []   # (goal, measured, ratio text, verdict, detail)


def wall_of(part, tool):
    """(seconds, exact?) from the shared summary; exact=False means a lower bound (timed out)"""
    e = perf.get(part, {}).get(tool)
    if not e:
        return None, None
    return e["wall"], "mbps" in e


def ratio_row(goal, part, ours, peer, limit):
    a, a_ok = wall_of(part, ours)
    b, b_ok = wall_of(part, peer)
    if a is None or b is None:
        miss = ours if a is None else peer
        rows.append((goal, f"{part}/ {ours} ÷ {peer}", "-", "n/a", f"no {miss} figure on {part}/"))
        return
    r = a / b
    det = f"{ours} {'' if a_ok else '>'}{a:.2f} s, {peer} {'' if b_ok else '>'}{b:.2f} s"
    if a_ok and b_ok:
        txt, v = f"{r:.3f}", ("PASS" if r <= limit else "FAIL")
    elif a_ok and not b_ok:           # peer timed out: true ratio is smaller than r
        txt, v = f"<{r:.3f}", ("PASS" if r <= limit else "n/a")
        if v == "n/a":
            det += f" (peer hit the timeout; need a full run)"
    elif b_ok and not a_ok:           # ours timed out: true ratio is larger than r
        txt, v = f">{r:.3f}", ("FAIL" if r > limit else "n/a")
    else:
        txt, v = "?", "n/a"
        det += " (both timed out)"
    rows.append((goal, f"{part}/ wall {ours} ÷ {peer}", txt, v, det))


ratio_row("≤ 0.5× kingfisher", "real", "promptscan", "kingfisher", 0.5)
ratio_row("≤ 0.5× kingfisher", "many-small", "promptscan", "kingfisher", 0.5)
ratio_row("≤ 0.1× betterleaks", "one-big", "promptscan", "betterleaks", 0.1)
ob = perf.get("one-big", {})
if ob.get("promptscan", {}).get("findings") == 0 and ob.get("betterleaks", {}).get("findings", 0) > 0:
    g, m, t, v, d = rows[-1]
    rows[-1] = (g, m, t, "n/a", d + "; promptscan reported 0 findings on one-big/: was the file skipped "
                "(--max-file-size)? See shared/out/promptscan.one-big.sarif")

e = perf.get("one-big", {}).get("promptscan")
if e:
    rss = e.get("rss_mb")
    done = "mbps" in e
    v = "PASS" if (rss < 300 and done) else ("FAIL" if rss >= 300 else "n/a")
    rows.append(("< 300 MB", "one-big/ peak RSS promptscan", f"{rss:.0f} MB", v,
                 "" if done else "run timed out: RSS at kill"))
else:
    rows.append(("< 300 MB", "one-big/ peak RSS promptscan", "-", "n/a", "no promptscan figure on one-big/"))

pc = load("precommit.json")
if pc:
    a, b = pc["promptscan staged"], pc["betterleaks git --staged"]
    r = a["median"] / b["median"]
    rows.append(("≤ 0.5× betterleaks", "tiny staged file: promptscan staged ÷ betterleaks git --staged",
                 f"{r:.3f}", "PASS" if r <= 0.5 else "FAIL",
                 f"{a['median'] * 1000:.1f} ms vs {b['median'] * 1000:.1f} ms, median of {a['runs']}; "
                 f"exit codes {a['rcs']} / {b['rcs']}"))
else:
    rows.append(("≤ 0.5× betterleaks", "tiny staged file: promptscan staged ÷ betterleaks git --staged", "-",
                 "SKIPPED", skipped("precommit") or "not measured"))

th = load("threads.json")
if th:
    t1, t2 = th["promptscan --threads 1"], th["promptscan --threads 2"]
    s = t1["median"] / t2["median"]
    det = f"{t1['median']:.2f} s vs {t2['median']:.2f} s, median of {t1['runs']}"
    v = "PASS" if s >= 1.8 else "FAIL"
    if "ripgrep -j 1" in th:
        c = th["ripgrep -j 1"]["median"] / th["ripgrep -j 2"]["median"]
        det += f"; machine ceiling (ripgrep -j 1 ÷ -j 2, same rounds) {c:.2f}×"
        if s < 1.8 and c < 1.8:
            v = "FAIL (machine-bound?)"
            det += ": even ripgrep cannot reach 1.8× here now; rerun on an idle machine"
    rows.append(("≥ 1.8×", "real/ speed-up: wall(--threads 1) ÷ wall(--threads 2)", f"{s:.2f}×", v, det))
else:
    rows.append(("≥ 1.8×", "real/ speed-up: wall(--threads 1) ÷ wall(--threads 2)", "-", "SKIPPED",
                 skipped("threads") or "not measured"))

L = ["| goal | measured | ratio | verdict | detail |", "|---|---|--:|---|---|"]
for g, m, t, v, d in rows:
    L.append(f"| {g} | {m} | {t} | **{v}** | {d} |")
rec = summary.get("recall", {})
if rec:
    L.append("")
    L.append("Recall on planted/ (for information, not a goal here): " + "; ".join(
        f"{n} {x['hit']}/{x['total']}" if "hit" in x else f"{n} error" for n, x in rec.items()))
L.append("")
h = summary.get("host", {})
load = ""
if h.get("loadavg_start") and h.get("loadavg_end"):
    load = f" Load average during the shared harness {h['loadavg_start'][0]:.1f} -> {h['loadavg_end'][0]:.1f} on {h.get('nproc')} CPUs" \
           + (" (busy machine: treat the ratios with care)." if max(h['loadavg_start'][0], h['loadavg_end'][0]) > 1.0 else ".")
L.append(f"Mode: {'quick' if summary.get('quick') else 'full'}; ratios < 1 mean promptscan is faster. "
         "Compare ratios across runs, not absolute seconds." + load)
md = "\n".join(L) + "\n"
open(os.path.join(R, "goals.md"), "w").write(md)
json.dump([dict(goal=g, measured=m, ratio=t, verdict=v, detail=d) for g, m, t, v, d in rows],
          open(os.path.join(R, "goals.json"), "w"), indent=1)
print(md)
