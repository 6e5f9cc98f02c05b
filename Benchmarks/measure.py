#!/usr/bin/env python3
"""Interleaved timing of a few commands (helper for Benchmarks/run.sh; standard library only).

    measure.py --out FILE.json --runs N [--warmup W] [--cwd DIR] [--timeout S] \
               --cmd NAME 'argv as a shell-quoted string' [--cmd NAME2 '...' ...]

Each round runs every command once, rotating the order per round, so that drift on a shared,
noisy machine hits all commands alike (the same method as the shared bench.py).  Per run it
records wall time (perf_counter around fork/exec/wait), CPU time (user+sys of the process tree,
from wait4) and peak RSS (ru_maxrss of the largest process).  Warm-up rounds are not recorded.
Commands are run directly (no shell), stdout+stderr to FILE.json.<i>.out; a non-zero exit status is recorded, not treated as an error.
Writes {name: {median, min, max, mean, cpu_median, rss_mb_max, runs, rcs, argv, timeouts}} to FILE.
"""
import argparse
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import threading
import time


def run_once(argv, cwd, timeout, stdout_path):
    # stdout goes to a real file, never /dev/null: ripgrep stops at the first match when its
    # stdout is /dev/null, which would make its timing meaningless
    with open(stdout_path, "wb") as so:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=so,
                             stderr=subprocess.STDOUT, start_new_session=True)
    killed = threading.Event()

    def kill():
        killed.set()
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, ru = os.wait4(p.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - t0
    return dict(wall=wall, cpu=ru.ru_utime + ru.ru_stime, rss_mb=ru.ru_maxrss / 1024.0,
                rc=os.waitstatus_to_exitcode(status), timeout=killed.is_set())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--cwd", default=None)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--cmd", nargs=2, action="append", metavar=("NAME", "ARGV"), required=True)
    a = ap.parse_args()
    cmds = [(n, shlex.split(c)) for n, c in a.cmd]
    res = {n: [] for n, _ in cmds}
    outs = {n: f"{a.out}.{i}.out" for i, (n, _) in enumerate(cmds)}
    for rnd in range(a.warmup + a.runs):
        k = rnd % len(cmds)
        for name, argv in cmds[k:] + cmds[:k]:
            r = run_once(argv, a.cwd, a.timeout, outs[name])
            if rnd >= a.warmup:
                res[name].append(r)
            print(f"[measure] {'warm-up' if rnd < a.warmup else 'run ' + str(rnd - a.warmup + 1):8s} "
                  f"{name:24s} {r['wall'] * 1000:9.1f} ms  cpu {r['cpu'] * 1000:9.1f} ms  "
                  f"rss {r['rss_mb']:6.1f} MB  rc={r['rc']}{' TIMEOUT' if r['timeout'] else ''}",
                  file=sys.stderr, flush=True)
    summary = {}
    for name, argv in cmds:
        rs = res[name]
        ok = [r for r in rs if not r["timeout"]] or rs
        walls = [r["wall"] for r in ok]
        summary[name] = dict(median=statistics.median(walls), min=min(walls), max=max(walls),
                             mean=statistics.mean(walls), cpu_median=statistics.median(r["cpu"] for r in ok),
                             rss_mb_max=max(r["rss_mb"] for r in ok), runs=len(rs),
                             timeouts=sum(r["timeout"] for r in rs), rcs=sorted({r["rc"] for r in rs}),
                             walls=walls, argv=argv)
    with open(a.out, "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
