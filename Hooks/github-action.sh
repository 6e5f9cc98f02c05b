#!/usr/bin/env bash
# The two steps of the promptscan GitHub Action (action.yml at the repository root). Inputs come as
# INPUT_* variables (action.yml sets them); the runner's GITHUB_* and RUNNER_* variables say where
# to write. Tests run both steps locally with a simulated environment and a file:// release.
#
#   github-action.sh install   download the release tarball (INPUT_RELEASE_URL, or the GitHub
#                              release of INPUT_VERSION), check its SHA-256 (INPUT_SHA256, or the
#                              release's SHA256SUMS), unpack it into the tool cache, put it on PATH
#   github-action.sh run       `diff` against the base branch on pull requests, `scan` otherwise
#                              (INPUT_MODE): annotations in the log, a Markdown job summary, SARIF
#                              for upload-sarif; exits as promptscan does (0 clean, 1 findings,
#                              2 unreadable files or a setup error, 64 usage)
set -euo pipefail

say_error() { printf '::error title=promptscan::%s\n' "$1"; printf 'promptscan action: %s\n' "$1" >&2; }

install() {
  local version=${INPUT_VERSION:-}
  [ -n "$version" ] || { say_error "the version input is empty"; exit 64; }
  local arch
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    *) say_error "no release binary for $(uname -m); build from source (README, Build)"; exit 2 ;;
  esac
  local name="promptscan-$version-linux-$arch"
  local url=${INPUT_RELEASE_URL:-"https://github.com/promptscan/promptscan/releases/download/v$version/$name.tar.gz"}
  local cache=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}
  local dest="$cache/promptscan/$version/$arch"
  if [ -x "$dest/promptscan" ]; then
    echo "promptscan $version from the tool cache ($dest)"
  else
    local work
    work=$(mktemp -d)
    curl -fsSL --retry 3 -o "$work/release.tar.gz" "$url" || { say_error "cannot download $url"; exit 2; }
    local expected=${INPUT_SHA256:-}
    if [ -z "$expected" ]; then
      # The checksum list published beside the tarball.
      curl -fsSL --retry 3 -o "$work/SHA256SUMS" "${url%/*}/SHA256SUMS" \
        || { say_error "no sha256 input and no SHA256SUMS beside $url"; exit 2; }
      expected=$(awk -v file="${url##*/}" '$2 == file || $2 == "*" file { print $1 }' "$work/SHA256SUMS")
      [ -n "$expected" ] || { say_error "SHA256SUMS beside $url does not list ${url##*/}"; exit 2; }
    fi
    local actual
    actual=$(sha256sum "$work/release.tar.gz" | cut -d' ' -f1)
    if [ "$actual" != "$expected" ]; then
      say_error "checksum mismatch for $url: expected $expected, got $actual; not installed"
      exit 2
    fi
    mkdir -p "$work/unpacked" "$dest"
    tar -xzf "$work/release.tar.gz" -C "$work/unpacked"
    local binary
    binary=$(find "$work/unpacked" -type f -name promptscan -perm -u+x | head -n 1)
    [ -n "$binary" ] || { say_error "$url holds no promptscan binary"; exit 2; }
    cp -R "$(dirname "$binary")"/. "$dest"/
    rm -rf "$work"
    echo "promptscan $version installed in $dest (sha256 $actual)"
  fi
  echo "$dest" >>"${GITHUB_PATH:-/dev/null}"
  export PATH="$dest:$PATH"
  promptscan --version
}

run() {
  local mode=${INPUT_MODE:-auto}
  if [ "$mode" = auto ]; then
    case "${GITHUB_EVENT_NAME:-}" in
      pull_request | pull_request_target | merge_group) mode=diff ;;
      *) mode=scan ;;
    esac
  fi
  local -a command
  case "$mode" in
    diff)
      local base=${INPUT_BASE:-${GITHUB_BASE_REF:-}}
      [ -n "$base" ] || { say_error "diff needs a base branch (the base input, or a pull_request event)"; exit 64; }
      local ref="origin/$base"
      if ! git rev-parse -q --verify "$ref^{commit}" >/dev/null; then
        git fetch --no-tags origin "$base" >&2 || { say_error "cannot fetch the base branch $base from origin"; exit 2; }
      fi
      command=(diff --base "$ref")
      ;;
    scan) command=(scan "${INPUT_PATH:-.}") ;;
    *) say_error "mode must be auto, scan or diff, not '$mode'"; exit 64 ;;
  esac
  [ -z "${INPUT_FAIL_ON:-}" ] || command+=(--fail-on "$INPUT_FAIL_ON")
  [ -z "${INPUT_BASELINE:-}" ] || command+=(--baseline "$INPUT_BASELINE")
  [ -z "${INPUT_CONFIG:-}" ] || command+=(--trusted-config "$INPUT_CONFIG")
  local sarif=${INPUT_SARIF_FILE:-promptscan.sarif}
  local category=${INPUT_SARIF_CATEGORY:-"promptscan/$mode"}
  local summary
  summary=$(mktemp)
  local status=0
  promptscan "${command[@]}" --format github --output "markdown=$summary" --output "sarif=$sarif" \
    --sarif-category "$category" || status=$?
  cat "$summary" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
  rm -f "$summary"
  {
    echo "exit-code=$status"
    echo "sarif-file=$sarif"
  } >>"${GITHUB_OUTPUT:-/dev/null}"
  exit "$status"
}

case "${1:-}" in
  install) install ;;
  run) run ;;
  *)
    echo "usage: github-action.sh install|run" >&2
    exit 64
    ;;
esac
