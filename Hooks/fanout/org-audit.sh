#!/bin/sh
# Organisation-wide history audit, split across the pods of a Kubernetes Indexed Job (or any N
# workers that each know their index).
#
#   org-audit.sh scan REPOS OUT     clone each repository in REPOS (one URL or path per line, #
#                                   comments allowed) and scan this worker's part of its history
#                                   into OUT/NAME/part-K.json. The part is JOB_COMPLETION_INDEX
#                                   (0-based) of PARTS.
#   org-audit.sh merge REPOS OUT    merge each repository's parts into OUT/NAME.json; exit 1 when
#                                   any repository has findings, 2 when any part is missing.
set -eu
command=${1:?usage: org-audit.sh scan|merge REPOS OUT}
repos=${2:?usage: org-audit.sh scan|merge REPOS OUT}
out=${3:?usage: org-audit.sh scan|merge REPOS OUT}
parts=${PARTS:?set PARTS to the number of workers}
promptscan=${PROMPTSCAN:-promptscan}

name_of() { basename "$1" .git; }

worst=0
while IFS= read -r repo || [ -n "$repo" ]; do
  case "$repo" in ''|'#'*) continue ;; esac
  name=$(name_of "$repo")
  case "$command" in
    scan)
      : "${JOB_COMPLETION_INDEX:?not in an Indexed Job: set JOB_COMPLETION_INDEX}"
      work=$(mktemp -d)
      git clone --quiet "$repo" "$work/$name"
      mkdir -p "$out/$name"
      status=0
      (cd "$work/$name" && "$promptscan" history --shard-total "$parts" --format json \
        --output "$out/$name/part-$((JOB_COMPLETION_INDEX + 1)).json") || status=$?
      rm -rf "$work"
      # 1 means findings (the merge reports them); anything else is an error.
      [ "$status" -le 1 ] || { echo "org-audit: $name: scan failed ($status)" >&2; exit 2; }
      ;;
    merge)
      status=0
      "$promptscan" merge "$out/$name"/part-*.json --output "$out/$name.json" || status=$?
      [ "$status" -gt "$worst" ] && worst=$status
      ;;
    *) echo "org-audit: unknown command '$command' (scan or merge)" >&2; exit 64 ;;
  esac
done < "$repos"
exit "$worst"
