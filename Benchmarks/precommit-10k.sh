#!/usr/bin/env bash
# Benchmark (not a test) of the pre-commit case from issue 5: a repository of 10,000 committed files,
# 10 of them changed and staged (one adds a fake AWS key pair made up for this benchmark), then
# `promptscan staged` and `betterleaks git --staged` timed interleaved by measure.py.
#
#   Benchmarks/precommit-10k.sh [RUNS]      (default 30 runs after 3 warm-ups)
#
# Environment: PROMPTSCAN_BIN (default .build/release/promptscan), BETTERLEAKS
# (default /tmp/peers/bl/betterleaks/bin/betterleaks), OUT (default /tmp/bench-precommit-10k).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PS="${PROMPTSCAN_BIN:-$ROOT/.build/release/promptscan}"
BL="${BETTERLEAKS:-/tmp/peers/bl/betterleaks/bin/betterleaks}"
OUT="${OUT:-/tmp/bench-precommit-10k}"
RUNS="${1:-30}"
REPO="$OUT/repo"
if [[ ! -f "$REPO/.bench-ready" ]]; then
  rm -rf "$REPO"; mkdir -p "$REPO"
  (
    cd "$REPO"
    git init -q; git config user.email bench@example.invalid; git config user.name bench; git config commit.gpgsign false
    python3 - <<'PY'
import os
for i in range(10000):
    d = f"src/m{i % 100:02d}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/file{i:05d}.py", "w") as f:
        f.write("".join(f"def f{j}(x):\n    return x * {j}  # module {i}\n" for j in range(20)))
PY
    git add -A && git commit -q -m init
    for i in 0 1 2 3 4 5 6 7 8; do printf 'def added(x):\n    return x + %d\n' "$i" >> "src/m0$i/file0000$i.py"; done
    printf 'region = eu-west-1\naws_access_key_id = AKIAQYLPMN5HHHFPZAM2\naws_secret_access_key = 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\n' >> src/m09/file00009.py
    git add -A
    touch .bench-ready
  )
fi
echo "repo: $REPO ($(git -C "$REPO" ls-files | wc -l) files, $(git -C "$REPO" diff --cached --name-only | wc -l) staged)"
python3 "$HERE/measure.py" --out "$OUT/precommit-10k.json" --runs "$RUNS" --warmup 3 --cwd "$REPO" --timeout 60 \
  --cmd "promptscan staged" "$(printf '%q' "$PS") staged" \
  --cmd "betterleaks git --staged" "$(printf '%q' "$BL") git --staged -s --no-banner --no-color -l error ."
python3 - "$OUT/precommit-10k.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); a, b = d["promptscan staged"], d["betterleaks git --staged"]
print(f"promptscan staged: median {a['median'] * 1000:.1f} ms (min {a['min'] * 1000:.1f}, exit {sorted(set(a['rcs']))})")
print(f"betterleaks git --staged: median {b['median'] * 1000:.1f} ms (min {b['min'] * 1000:.1f}, exit {sorted(set(b['rcs']))})")
print(f"ratio {a['median'] / b['median']:.3f} over {a['runs']} interleaved runs; load {open('/proc/loadavg').read().split()[:3]}")
PY
