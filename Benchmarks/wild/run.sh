#!/usr/bin/env bash
# Real-repository benchmark: scans laid-out public repositories with promptscan, compares the
# medium+ findings with the hand verdicts, and prints one table per run (see README.md here).
#
#   Benchmarks/wild/run.sh [options] [TREES_DIR]
#
# TREES_DIR holds one extracted tree per repository, named as in the list (default ../wild beside
# the checkout, like ../shared).
# A missing tree is laid out from its bare snapshot, MIRROR_DIR/<owner>+<name>/repo, with
# ../shared/wild/extract.sh. No network is used; the peers run under `unshare -n`.
#
# Options:
#   --list FILE       repositories to run (TSV with name, repo, commit columns, and judged=yes where every
#                     medium+ finding has a verdict; default repos.tsv here)
#   --verdicts FILE   hand verdicts (default verdicts.tsv here)
#   --misses FILE     true items the base binary missed (default misses.tsv here)
#   --only a,b        only these repositories (names from the list)
#   --no-peers        do not run kingfisher and betterleaks
#   --out DIR         keep the raw reports and the summary there (default: a fresh folder under /tmp)
#
# Environment:
#   PROMPTSCAN        the binary to measure (default: <git toplevel>/.build/release/promptscan)
#   PROMPTSCAN_ARGS   extra scan arguments, split on spaces (e.g. "--threads 2")
#   MIRROR_DIR        bare snapshots (default ../.mirror beside the checkout)
#   PROMPTSCAN_SHARED the shared folder (default: <git toplevel>/../shared, or beside the main checkout)
#   KINGFISHER, BETTERLEAKS  the peers (default: /tmp/peers/..., as ../shared/bench/setup-peers.sh installs them)
#   PEER_CACHE        folder for the peers' reports, keyed by repository, commit and peer version;
#                     they do not depend on promptscan, so they are reused (default /tmp/wild-peer-cache)
#
# Exit status: 0 when the run completed (whatever the numbers), 2 on a setup error, 64 on usage.
# This is a benchmark, not a test: it reports against the targets and does not fail on them.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/../.." && pwd))"
LIST="$HERE/repos.tsv" VERDICTS="$HERE/verdicts.tsv" MISSES="$HERE/misses.tsv"
ONLY="" PEERS=1 OUT="" TREES="$ROOT/../wild"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --list) LIST="$2"; shift 2 ;;
    --verdicts) VERDICTS="$2"; shift 2 ;;
    --misses) MISSES="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --no-peers) PEERS=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    -*) echo "error: unknown option $1 (see --help)" >&2; exit 64 ;;
    *) TREES="$1"; shift ;;
  esac
done
export PROMPTSCAN="${PROMPTSCAN:-$ROOT/.build/release/promptscan}"
[[ -x "$PROMPTSCAN" ]] || { echo "error: $PROMPTSCAN: not an executable (set PROMPTSCAN)" >&2; exit 2; }
[[ -f "$LIST" ]] || { echo "error: $LIST: no such file" >&2; exit 2; }
export KINGFISHER="${KINGFISHER:-/tmp/peers/kf/kingfisher/bin/kingfisher}"
export BETTERLEAKS="${BETTERLEAKS:-/tmp/peers/bl/betterleaks/bin/betterleaks}"
export MIRROR_DIR="${MIRROR_DIR:-$ROOT/../.mirror}"
if [[ -z "${PROMPTSCAN_SHARED:-}" ]]; then
  # ../shared beside the checkout; from a linked worktree, beside the main checkout
  PROMPTSCAN_SHARED="$ROOT/../shared"
  common="$(git -C "$HERE" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  [[ -d "$PROMPTSCAN_SHARED" || -z "$common" ]] || PROMPTSCAN_SHARED="$(dirname "$common")/../shared"
fi
export PROMPTSCAN_SHARED
export PEER_CACHE="${PEER_CACHE:-/tmp/wild-peer-cache}"
OUT="${OUT:-$(mktemp -d /tmp/wild-bench.XXXXXX)}"
mkdir -p "$OUT" "$PEER_CACHE"
exec python3 - "$LIST" "$VERDICTS" "$MISSES" "$TREES" "$OUT" "$ONLY" "$PEERS" <<'PY'
import collections, json, os, shutil, subprocess, sys, time

LIST, VERDICTS, MISSES, TREES, OUT, ONLY, PEERS = sys.argv[1:8]
PEERS = PEERS == "1"
PS = os.environ["PROMPTSCAN"]
EXTRA = os.environ.get("PROMPTSCAN_ARGS", "").split()
SEVERITIES = ["critical", "high", "medium", "low"]
FAILING = {"critical", "high", "medium"}


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    if not lines:
        return []
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:]]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


repos = read_tsv(LIST)
if ONLY:
    want = set(ONLY.split(","))
    repos = [r for r in repos if r["name"] in want]

# verdicts: (repo, path, line, rule) -> list of verdicts, one per finding seen by hand
verdicts = collections.defaultdict(list)
for v in read_tsv(VERDICTS):
    verdicts[(v["repo"], v["path"], int(v["line"]), v["rule"])].append(v["verdict"])
misses = read_tsv(MISSES)


def tree_for(repo):
    tree = os.path.join(TREES, repo["name"])
    if os.path.isdir(tree):
        return tree
    owner, name = repo["repo"].split("/")
    bare = os.path.join(os.environ["MIRROR_DIR"], f"{owner}+{name}", "repo")
    extract = os.path.join(os.environ["PROMPTSCAN_SHARED"], "wild", "extract.sh")
    if not os.path.isdir(bare) or not os.path.exists(extract):
        log(f"error: {tree}: missing, and no snapshot at {bare} (or no {extract})")
        return None
    log(f"extracting {bare} -> {tree}")
    os.makedirs(TREES, exist_ok=True)
    if subprocess.run(["bash", extract, bare, tree], stdout=subprocess.DEVNULL).returncode != 0:
        log(f"error: {tree}: extraction from {bare} failed")
        return None
    return tree


def commit_of(tree):
    try:
        with open(os.path.join(tree, ".git", "SNAPSHOT_OF")) as f:
            return f.read().strip()
    except OSError:
        r = subprocess.run(["git", "-C", tree, "rev-parse", "HEAD"], capture_output=True, text=True)
        return r.stdout.strip() or "?"


def scan(repo, tree):
    out = os.path.join(OUT, f"{repo['name']}.promptscan.json")
    parent, base = os.path.split(os.path.abspath(tree))
    t0 = time.monotonic()
    p = subprocess.run([PS, "scan", base, "--format", "json", "--output", out, "--no-color", *EXTRA],
                       cwd=parent, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if p.returncode not in (0, 1):
        log(f"error: {repo['name']}: promptscan exited {p.returncode}: {p.stderr.strip()[:300]}")
        return None, p.returncode, dt
    with open(out) as f:
        d = json.load(f)
    for x in d["findings"]:
        if x["path"].startswith(base + "/"):
            x["path"] = x["path"][len(base) + 1:]
    return d, p.returncode, dt


def peer_version(binary):
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60).stdout.strip().replace(" ", "-")
    except OSError:
        return None


def run_peer(kind, binary, repo, tree, commit):
    ver = peer_version(binary)
    if not ver:
        return None
    cached = os.path.join(os.environ["PEER_CACHE"], f"{repo['name']}-{commit[:12]}-{kind}-{ver}.json")
    if not os.path.exists(cached):
        tmp = cached[:-len(".json")] + ".part.json"  # betterleaks wants a .json name
        if kind == "kingfisher":
            argv = [binary, "scan", tree, "--no-validate", "--no-update-check", "--git-history", "none",
                    "--max-file-size", "1024", "-f", "json", "-o", tmp, "-q"]
        else:
            argv = [binary, "fs", tree, "-o", tmp, "-s", "--no-banner", "--no-color", "--exit-code", "0", "-l", "error"]
        log(f"{repo['name']}: running {kind} (no network)")
        subprocess.run(["unshare", "-n", *argv], capture_output=True)
        if not os.path.exists(tmp):
            log(f"warning: {repo['name']}: {kind} wrote no report")
            return None
        os.replace(tmp, cached)
    shutil.copy(cached, os.path.join(OUT, f"{repo['name']}.{kind}.json"))
    with open(cached) as f:
        d = json.load(f)
    return len(d.get("findings") or [])


rows = []
BY_RULE = collections.Counter()  # (rule, verdict or "new") -> medium+ findings
for repo in repos:
    tree = tree_for(repo)
    if tree is None:
        sys.exit(2)
    commit = commit_of(tree)
    if repo.get("commit") and not repo["commit"].startswith(commit[:8]) and not commit.startswith(repo["commit"][:8]):
        log(f"warning: {repo['name']}: tree is at {commit[:8]}, the list pins {repo['commit'][:8]}")
    log(f"{repo['name']}: scanning")
    d, rc, dt = scan(repo, tree)
    if d is None:
        sys.exit(2)
    name = repo["name"]
    sev = collections.Counter(x["severity"] for x in d["findings"])
    failing = [x for x in d["findings"] if x["severity"] in FAILING]
    # match failing findings to verdicts by (path, line, rule); one verdict per finding
    pool = {}
    seen = collections.Counter()
    for x in failing:
        k = (name, x["path"], x["line"], x["rule_id"])
        pool.setdefault(k, sorted(verdicts.get(k, []), key=lambda v: ["true", "example-flag", "example-quiet", "false"].index(v) if v in ("true", "example-flag", "example-quiet", "false") else 9))
        seen[k] += 1
    counts = collections.Counter()
    new = []
    for k, n in seen.items():
        vs = pool[k]
        for i in range(n):
            if i < len(vs):
                counts[vs[i]] += 1
                BY_RULE[(k[3], vs[i])] += 1
            else:
                BY_RULE[(k[3], "new")] += 1
                counts["new"] += 1
                new.append(k)
    # true items from the verdicts: still reported (any severity, same path, line and rule)?
    everywhere = collections.Counter((name, x["path"], x["line"], x["rule_id"]) for x in d["findings"])
    true_keys = collections.Counter({k: vs.count("true") for k, vs in verdicts.items() if k[0] == name and "true" in vs})
    true_total = sum(true_keys.values())
    true_kept = sum(min(n, everywhere[k]) for k, n in true_keys.items())
    lost = [k for k, n in true_keys.items() if everywhere[k] < n]
    flag_keys = collections.Counter({k: vs.count("example-flag") for k, vs in verdicts.items() if k[0] == name and "example-flag" in vs})
    flag_total = sum(flag_keys.values())
    flag_kept = sum(min(n, everywhere[k]) for k, n in flag_keys.items())
    # misses: a finding of any rule on that path and line counts as found
    lines = {(x["path"], x["line"]) for x in d["findings"]}
    mine = [m for m in misses if m["repo"] == name]
    found = [m for m in mine if (m["path"], int(m["line"])) in lines]
    kf = bl = None
    if PEERS:
        kf = run_peer("kingfisher", os.environ["KINGFISHER"], repo, tree, commit)
        bl = run_peer("betterleaks", os.environ["BETTERLEAKS"], repo, tree, commit)
    judged = repo.get("judged") == "yes" or any(k[0] == name for k in verdicts)
    should_pass = judged and true_total == 0
    # stricter reading: realistic examples worth a flag (example-flag) may fail the run too
    quiet_only = judged and counts["true"] == 0 and counts["example-flag"] == 0 and counts["new"] == 0
    rows.append(dict(repo=name, commit=commit[:8], critical=sev["critical"], high=sev["high"], medium=sev["medium"],
                     low=sev["low"], medium_plus=len(failing), false=counts["false"],
                     example=counts["example-flag"] + counts["example-quiet"], example_flag=counts["example-flag"],
                     true_kept=true_kept, true_total=true_total, flag_kept=flag_kept, flag_total=flag_total, new=counts["new"], misses_found=len(found),
                     misses=len(mine), exit=rc, should_pass=should_pass, quiet_only=quiet_only, judged=judged, seconds=round(dt, 2),
                     kingfisher=kf, betterleaks=bl))
    with open(os.path.join(OUT, f"{name}.new.tsv"), "w") as f:
        for k in new:
            f.write("\t".join(map(str, k)) + "\n")
    with open(os.path.join(OUT, f"{name}.lost.tsv"), "w") as f:
        for k in lost:
            f.write("\t".join(map(str, k)) + "\n")

cols = [("repo", "repo"), ("commit", "commit"), ("critical", "crit"), ("high", "high"), ("medium", "med"),
        ("low", "low"), ("medium_plus", "med+"), ("false", "false med+"), ("example", "example med+"),
        ("true_kept", "true kept"), ("new", "new med+"), ("misses_found", "misses found"), ("exit", "exit"),
        ("seconds", "s"), ("kingfisher", "kingfisher"), ("betterleaks", "betterleaks")]


def cell(r, k):
    v = r.get(k)
    if k == "true_kept":
        return f"{r['true_kept']}/{r['true_total']}"
    if k == "misses_found":
        return f"{r['misses_found']}/{r['misses']}"
    if k == "exit":
        return f"{v}" + (" (want 0)" if r["should_pass"] and v != 0 else "")
    return "-" if v is None else str(v)


tot = {"repo": "total", "commit": ""}
for k in ("critical", "high", "medium", "low", "medium_plus", "false", "example", "example_flag", "true_kept",
          "true_total", "flag_kept", "flag_total", "new", "misses_found", "misses"):
    tot[k] = sum(r[k] for r in rows)
tot["seconds"] = round(sum(r["seconds"] for r in rows), 2)
for k in ("kingfisher", "betterleaks"):
    vals = [r[k] for r in rows if r[k] is not None]
    tot[k] = sum(vals) if vals else None
tot["exit"] = ""
tot["should_pass"] = False
tot["quiet_only"] = False

print(f"promptscan: {PS} ({subprocess.run([PS, '--version'], capture_output=True, text=True).stdout.strip()})")
print(f"trees: {TREES}; reports: {OUT}")
print("| " + " | ".join(h for _, h in cols) + " |")
print("|" + "|".join("---" if i < 2 else "--:" for i in range(len(cols))) + "|")
for r in rows + [tot]:
    print("| " + " | ".join(cell(r, k) if r is not tot or k not in ("true_kept", "misses_found") else
                              f"{r[k]}/{r['true_total' if k == 'true_kept' else 'misses']}" for k, _ in cols) + " |")

bad_exit = [r["repo"] for r in rows if r["should_pass"] and r["exit"] != 0]
bad_quiet = [r["repo"] for r in rows if r["quiet_only"] and r["exit"] != 0]
print()
print("targets (issue 12):")
unjudged = [r["repo"] for r in rows if not r["judged"]]
if unjudged:
    print(f"  no verdicts yet for: {', '.join(unjudged)} (their medium+ findings count as new)")
print(f"  false findings at medium+ <= 25 in total: {tot['false']} -> {'met' if tot['false'] <= 25 else 'NOT met'}")
print(f"  exit 0 where the verdicts list findings but no true one: "
      f"{'met' if not bad_exit else 'NOT met (' + ', '.join(bad_exit) + ')'}")
print(f"  exit 0 where every medium+ finding is false or an example users want quiet (example-quiet): "
      f"{'met' if not bad_quiet else 'NOT met (' + ', '.join(bad_quiet) + ')'}")
print(f"  every true finding still reported: {tot['true_kept']}/{tot['true_total']} -> "
      f"{'met' if tot['true_kept'] == tot['true_total'] else 'NOT met (see *.lost.tsv)'}")
print(f"  (for information) example-flag findings still reported at any severity: {tot['flag_kept']}/{tot['flag_total']}")
print(f"  medium+ findings without a verdict: {tot['new']} (listed in *.new.tsv; judge them and add to verdicts.tsv)")
print(f"  known misses now found: {tot['misses_found']}/{tot['misses']}")
print()
print("medium+ findings by rule (false / example-quiet / example-flag / true / new):")
rules = sorted({r for r, _ in BY_RULE}, key=lambda r: -sum(BY_RULE[(r, v)] for v in ("false", "example-quiet", "example-flag", "true", "new")))
for r in rules:
    print(f"  {r:40} " + " / ".join(str(BY_RULE[(r, v)]) for v in ("false", "example-quiet", "example-flag", "true", "new")))
with open(os.path.join(OUT, "summary.json"), "w") as f:
    json.dump(rows + [tot], f, indent=1)
PY
