#!/usr/bin/env bash
# promptscan benchmark: one command, from a fresh clone with ../shared beside the project.
#
#   Benchmarks/run.sh [--quick]
#
# 1. builds promptscan in release (swift build -c release --static-swift-stdlib; installs libpcre2-dev first if needed)
#    unless PROMPTSCAN_BIN points at a ready binary (then nothing is built);
# 2. installs the peers into /tmp/peers and builds the corpus in /tmp/bench-corpus if missing;
# 3. runs the shared harness (../shared/bench/run-bench.sh [--quick]) with PROMPTSCAN set;
# 4. measures what the shared harness does not: thread scaling on real/ (--threads 1 vs 2) and the
#    pre-commit case (promptscan staged vs betterleaks git --staged on one tiny staged file);
# 5. prints one table of ratios against the goals (goals.md) and the results folder.
#
# Environment:
#   PROMPTSCAN_BIN      use this binary, skip the build
#   PROMPTSCAN_SHARED   the shared folder (default: <git toplevel>/../shared)
#   BENCH_CORPUS        corpus dir (default /tmp/bench-corpus)
#   PEERS_DIR           peers dir (default /tmp/peers)
#   BENCH_RESULTS       results root (default /tmp/bench-results)
#   PROMPTSCAN_STAGED_CMD  pre-commit command template (default '{bin} staged'; cwd = the temp repo)
set -euo pipefail

QUICK=()
for a in "$@"; do
  case "$a" in
    --quick) QUICK=(--quick) ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a (only --quick)" >&2; exit 2 ;;
  esac
done

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/.." && pwd))"
SHARED="${PROMPTSCAN_SHARED:-$ROOT/../shared}"
BENCH="$SHARED/bench"
[[ -x "$BENCH/run-bench.sh" ]] || { echo "no shared harness at $BENCH (set PROMPTSCAN_SHARED)" >&2; exit 2; }
SHARED="$(cd "$SHARED" && pwd)"; BENCH="$SHARED/bench"
CORPUS="${BENCH_CORPUS:-/tmp/bench-corpus}"
export PEERS_DIR="${PEERS_DIR:-/tmp/peers}"
export BETTERLEAKS="${BETTERLEAKS:-$PEERS_DIR/bl/betterleaks/bin/betterleaks}"
export KINGFISHER="${KINGFISHER:-$PEERS_DIR/kf/kingfisher/bin/kingfisher}"
export DETECT_SECRETS="${DETECT_SECRETS:-$PEERS_DIR/venv/bin/detect-secrets}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${BENCH_RESULTS:-/tmp/bench-results}/promptscan-$STAMP${QUICK:+-quick}"
mkdir -p "$OUT"
exec > >(tee -a "$OUT/run.log") 2>&1
say() { printf '\n=== %s\n' "$*"; }
T0=$SECONDS
say "results -> $OUT"

# ------------------------------------------------------------------ 1. build
if [[ -n "${PROMPTSCAN_BIN:-}" ]]; then
  PS="$(command -v "$PROMPTSCAN_BIN" || true)"
  [[ -n "$PS" && -x "$PS" ]] || { echo "PROMPTSCAN_BIN=$PROMPTSCAN_BIN is not an executable" >&2; exit 2; }
  say "using PROMPTSCAN_BIN=$PS (no build)"
else
  SUDO=(); [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null && SUDO=(sudo)
  if ! command -v pkg-config >/dev/null || ! pkg-config --exists libpcre2-8; then
    say "installing libpcre2-dev"
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcre2-dev pkg-config
  fi
  say "swift build -c release --static-swift-stdlib"
  (cd "$ROOT" && swift build -c release --static-swift-stdlib)
  PS="$(cd "$ROOT" && swift build -c release --static-swift-stdlib --show-bin-path)/promptscan"
  [[ -x "$PS" ]] || { echo "build produced no $PS" >&2; exit 1; }
fi
PS="$(cd "$(dirname "$PS")" && pwd)/$(basename "$PS")"

# ------------------------------------------------------------------ 2. peers + corpus
if [[ ! -x "$BETTERLEAKS" || ! -x "$KINGFISHER" || ! -x "$DETECT_SECRETS" ]] \
   || ! command -v rg >/dev/null || ! command -v hyperfine >/dev/null; then
  say "setting up peers in $PEERS_DIR"
  mkdir -p "$PEERS_DIR"
  # setup-peers.sh asks pip for kingfisher-bin 2.14.0 with --platform manylinux2014_x86_64, which this
  # pip does not match to the wheel's manylinux_2_17.musllinux_1_2 tag; fetching the wheel for the
  # running platform first lets setup-peers.sh find it in $PEERS_DIR and skip its own download.
  if ! ls "$PEERS_DIR"/kingfisher_bin-2.14.0-*.whl >/dev/null 2>&1 && [[ ! -x "$KINGFISHER" ]]; then
    python3 -m pip download -q --no-deps --only-binary=:all: kingfisher-bin==2.14.0 -d "$PEERS_DIR" || true
  fi
  "$BENCH/setup-peers.sh"
fi
if [[ ! -f "$CORPUS/CORPUS-INFO.json" ]]; then
  say "building corpus in $CORPUS (~30 s)"
  "$BENCH/make-corpus.sh" "$CORPUS"
fi

# ------------------------------------------------------------------ machine
{
  echo "date (UTC): $STAMP   mode: ${QUICK:-full}"
  echo "host: $(hostname)   CPUs: $(nproc)   CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/^Mem:/{print $2 " GiB"}')   kernel: $(uname -r)   OS: $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "swift: $(swift --version 2>/dev/null | head -1 || echo n/a)"
  echo "project: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'no commit')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "promptscan: $PS ($("$PS" --version 2>/dev/null | head -1 || echo 'no --version'))"
} | tee "$OUT/machine.txt"

# run without network, as the shared harness does
if unshare -n true 2>/dev/null; then NET=(unshare -n)
elif unshare -rn true 2>/dev/null; then NET=(unshare -rn)
else NET=(); echo "WARNING: cannot create a network namespace; running with network"; fi

HELP="$("$PS" --help 2>&1 || true)"
SCANHELP="$("$PS" scan --help 2>&1 || true)"
# promptscan skips files over --max-file-size (default 10M), which would skip one-big/ (500 MB) and
# make its figure meaningless; the shared harness gives kingfisher --max-file-size 1024 (MB) for the
# same reason.  Unless PROMPTSCAN_CMD is set, raise the limit when the binary has the option.
MAXFS=()
if grep -q -- '--max-file-size' <<<"$SCANHELP"; then MAXFS=(--max-file-size 1G); fi
if [[ -z "${PROMPTSCAN_CMD:-}" ]]; then
  export PROMPTSCAN_CMD="{bin} scan --format sarif --output {out}${MAXFS[*]:+ ${MAXFS[*]}} {path}"
fi
echo "promptscan command for the shared harness: $PROMPTSCAN_CMD" | tee -a "$OUT/machine.txt"

# ------------------------------------------------------------------ 3. shared harness
say "shared harness: run-bench.sh ${QUICK[*]} (full ~8 min, quick ~1.5 min)"
PROMPTSCAN="$PS" "$BENCH/run-bench.sh" "${QUICK[@]}" "$CORPUS" -- --out "$OUT/shared"

# ------------------------------------------------------------------ 4a. thread scaling
if [[ ${#QUICK[@]} -gt 0 ]]; then TRUNS=2; PRUNS=10; PWARM=2; else TRUNS=5; PRUNS=30; PWARM=3; fi
q() { [[ $# -gt 0 ]] && printf '%q ' "$@"; return 0; }
say "thread scaling on real/: --threads 1 vs --threads 2 ($TRUNS interleaved runs each after 1 warm-up)"
# ripgrep -j 1 / -j 2 with the shared reference regexes, interleaved with promptscan: the speed-up this
# machine actually allows right now (2 vCPUs that other jobs may share)
RGARGS=(--no-unicode --no-ignore --hidden --no-messages --no-heading -n --null -f "$BENCH/rg-secrets.patterns")
if grep -q -- '--threads' <<<"$SCANHELP"; then
  python3 "$HERE/measure.py" --out "$OUT/threads.json" --runs "$TRUNS" --warmup 1 --cwd "$CORPUS" --timeout 300 \
    --cmd "promptscan --threads 1" "$(q "${NET[@]}" "$PS" scan real --format sarif --output "$OUT/threads-1.sarif" "${MAXFS[@]}" --threads 1)" \
    --cmd "promptscan --threads 2" "$(q "${NET[@]}" "$PS" scan real --format sarif --output "$OUT/threads-2.sarif" "${MAXFS[@]}" --threads 2)" \
    --cmd "ripgrep -j 1" "$(q "${NET[@]}" rg "${RGARGS[@]}" -j 1 real)" \
    --cmd "ripgrep -j 2" "$(q "${NET[@]}" rg "${RGARGS[@]}" -j 2 real)"
  python3 - "$OUT/threads.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1])); a, b = d["promptscan --threads 1"], d["promptscan --threads 2"]
r1, r2 = d["ripgrep -j 1"], d["ripgrep -j 2"]
print(f"--threads 1: {a['median']:.2f} s   --threads 2: {b['median']:.2f} s   speed-up {a['median'] / b['median']:.2f}x "
      f"(medians of {a['runs']}; cpu {a['cpu_median']:.1f} s / {b['cpu_median']:.1f} s; {__import__('os').cpu_count()} CPUs)")
print(f"machine ceiling, ripgrep -j 1 / -j 2 on real/: {r1['median']:.2f} s / {r2['median']:.2f} s = "
      f"{r1['median'] / r2['median']:.2f}x")
EOF
else
  echo "skipped: 'promptscan scan --help' does not mention --threads" | tee "$OUT/threads.skipped"
fi

# ------------------------------------------------------------------ 4b. pre-commit case
say "pre-commit: one tiny staged file, promptscan staged vs betterleaks git --staged"
if grep -Eq '(^|[[:space:]])staged([[:space:]:,]|$)' <<<"$HELP"; then
  REPO="$OUT/precommit-repo"
  rm -rf "$REPO"; mkdir -p "$REPO"
  (
    cd "$REPO"
    git init -q
    git config user.email bench@example.invalid; git config user.name bench; git config commit.gpgsign false
    printf '# bench repo\n' > README.md
    git add README.md && git commit -q -m init
    # A fake AWS pair made up for this benchmark (not a real credential); betterleaks' AWS rule
    # needs the secret within 5 lines of the key id.
    printf 'region = eu-west-1\naws_access_key_id = AKIAQYLPMN5HHHFPZAM2\naws_secret_access_key = 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\n' > settings.ini
    git add settings.ini
  )
  DEFAULT_STAGED_TMPL='{bin} staged'
  STAGED_TMPL="${PROMPTSCAN_STAGED_CMD:-$DEFAULT_STAGED_TMPL}"
  PSQ="$(printf '%q' "$PS")"
  STAGED_CMD="$(q "${NET[@]}")${STAGED_TMPL//'{bin}'/$PSQ}"
  python3 "$HERE/measure.py" --out "$OUT/precommit.json" --runs "$PRUNS" --warmup "$PWARM" --cwd "$REPO" --timeout 60 \
    --cmd "promptscan staged" "$STAGED_CMD" \
    --cmd "betterleaks git --staged" "$(q "${NET[@]}" "$BETTERLEAKS" git --staged -s --no-banner --no-color -l error .)"
  python3 - "$OUT/precommit.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1])); a, b = d["promptscan staged"], d["betterleaks git --staged"]
print(f"promptscan staged: {a['median'] * 1000:.1f} ms (exit {a['rcs']})   betterleaks git --staged: "
      f"{b['median'] * 1000:.1f} ms (exit {b['rcs']})   ratio {a['median'] / b['median']:.3f}  (medians of {a['runs']})")
if 0 in a["rcs"]:
    print("NOTE: promptscan staged exited 0 on a staged fake AWS key; check that it found the secret")
EOF
else
  echo "skipped: 'promptscan --help' lists no 'staged' subcommand in this binary" | tee "$OUT/precommit.skipped"
fi

# ------------------------------------------------------------------ 5. goals
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
say "goals (from $OUT/shared/summary.json, threads.json, precommit.json)"
python3 "$HERE/goals.py" "$OUT"
echo "total $((SECONDS - T0)) s; results in $OUT (goals.md, machine.txt, shared/summary.md, run.log)"
