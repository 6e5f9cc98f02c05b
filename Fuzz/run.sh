#!/bin/sh
# Builds the libFuzzer targets (with AddressSanitizer) and runs each for SECONDS (default 60)
# over its seed corpus in Fuzz/corpus/<target>/. New interesting inputs go to a scratch corpus
# (Fuzz/.work/<target>/), not into the repository; crashes and hangs are written to
# Fuzz/.work/artifacts/ and make the script exit 1.
#
#   Fuzz/run.sh            # about a minute per target
#   Fuzz/run.sh 45         # CI-sized: 4 targets x 45 s, about 3 minutes plus the build
#   Fuzz/run.sh 600 FuzzMatcher FuzzDecoders   # chosen targets only
#   JOBS=2 Fuzz/run.sh 600 # two targets at a time
set -eu
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-FuzzRuleLoader FuzzMatcher FuzzDecoders FuzzConfig}
jobs=${JOBS:-1}
cd "$here"
# -disable-cmo: with cross-module optimisation the library code a harness calls is inlined into
# the harness module, which the fuzzer build leaves without coverage counters, and libFuzzer then
# sees no coverage for it (2026-12-06: the decoders target registered none at all).
flags="-c release --sanitize=fuzzer --sanitize=address -Xswiftc -disable-cmo"
swift build $flags >&2
bin=$(swift build $flags --show-bin-path)
mkdir -p .work/artifacts
status=0
run_one() {
    target=$1
    mkdir -p ".work/$target" "corpus/$target"
    echo "== $target: ${seconds}s" >&2
    # -timeout: an input taking longer than 10 s is a hang. -rss_limit_mb bounds memory.
    ASAN_OPTIONS=detect_leaks=0 "$bin/$target" ".work/$target" "corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix=".work/artifacts/$target-" -print_final_stats=1 \
        > ".work/$target.log" 2>&1
}
pids=""
running=0
for target in $targets; do
    run_one "$target" &
    pids="$pids $!"
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        for pid in $pids; do wait "$pid" || status=1; done
        pids=""; running=0
    fi
done
for pid in $pids; do wait "$pid" || status=1; done
for target in $targets; do
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' ".work/$target.log" | grep -o '[0-9]*$' || echo "?")
    time=$(grep -o 'Done [0-9]* runs in [0-9]* second' ".work/$target.log" | tail -1 || true)
    echo "$target: executions=$runs ${time:+($time(s))}"
done
if ls .work/artifacts/* >/dev/null 2>&1; then
    echo "crash or hang inputs:" >&2
    ls -l .work/artifacts >&2
    status=1
fi
exit $status
