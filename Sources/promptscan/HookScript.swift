/// The pre-commit hook (`Hooks/pre-commit` is this text with the default binary `promptscan`; a
/// test keeps the two equal). POSIX sh: runs a hook that was there before (kept as
/// `pre-commit.local`), then `promptscan staged`, and says what to do about a finding.
enum HookScript {
    /// Marks a hook as promptscan's own (so `hook install` may refresh it).
    static let marker = "# promptscan pre-commit hook"

    /// The hook's text; `binary` is the default command when `$PROMPTSCAN` is not set.
    static func text(binary: String = "promptscan") -> String {
        """
        #!/bin/sh
        \(marker): blocks a commit whose staged changes add a secret.
        # Install with `promptscan hook install` (honours core.hooksPath); skip once with `git commit --no-verify`.
        # A hook that was here before is kept as pre-commit.local and runs first.

        default_promptscan=\(shellQuote(binary))
        PROMPTSCAN="${PROMPTSCAN:-$default_promptscan}"

        hook_dir=$(dirname "$0")
        if [ -x "$hook_dir/pre-commit.local" ]; then
          "$hook_dir/pre-commit.local" "$@" || exit $?
        fi

        if ! command -v "$PROMPTSCAN" >/dev/null 2>&1; then
          echo "promptscan pre-commit hook: '$PROMPTSCAN' not found; install promptscan or set PROMPTSCAN" >&2
          exit 2
        fi

        "$PROMPTSCAN" staged
        status=$?
        if [ "$status" -eq 1 ]; then
          cat >&2 <<'EOF'

        promptscan blocked this commit: the staged changes add the findings above (file:line:column, rule).
          - Fix it: remove the value and load it from the environment or a secret store; revoke it if it is real.
          - Not a secret, or an accepted test value: put "promptscan:allow" on that line (or
            "promptscan:allow-next-line" on the line above), then git add the file again.
          - Accept the findings as they are: promptscan baseline create > .promptscan-baseline.json
            and commit that file.
        EOF
        elif [ "$status" -ne 0 ]; then
          echo "promptscan pre-commit hook: promptscan failed (exit $status), so the commit is blocked" >&2
        fi
        exit "$status"

        """
    }

    /// Printed under the findings when `pre-commit` blocks a commit.
    static let blockedCommit = """

        promptscan blocked this commit: the staged changes add the findings above (file:line:column, rule).
          - Fix it: remove the value and load it from the environment or a secret store; revoke it if it is real.
          - Not a secret, or an accepted test value: put "promptscan:allow" on that line (or
            "promptscan:allow-next-line" on the line above), then git add the file again.
          - Accept the findings as they are: promptscan baseline create > .promptscan-baseline.json
            and commit that file.
          - Commit anyway, this once: git commit --no-verify (skips every pre-commit hook).
        """

    /// Printed under the findings when `pre-commit` fails on files given outside a commit.
    static let filesHoldFindings = """

        promptscan: the files checked hold the findings above (file:line:column, rule).
          - Fix it: remove the value and load it from the environment or a secret store; revoke it if it is real.
          - Not a secret, or an accepted test value: put "promptscan:allow" on that line (or
            "promptscan:allow-next-line" on the line above).
          - Accept the findings as they are: promptscan baseline create > .promptscan-baseline.json
            and commit that file.
        """

    /// Printed under the findings when `pre-push` blocks a push.
    static let blockedPush = """

        promptscan blocked this push: the commits being pushed add the findings above (each names its commit).
          - Fix it: revoke the value if it is real, then take it out of those commits (git commit --amend
            for the last one, git rebase -i for older ones): a later commit that deletes it leaves it in history.
          - Not a secret, or an accepted test value: accept it in a baseline (promptscan baseline create
            > .promptscan-baseline.json), commit that file and push again.
          - Push anyway, this once: git push --no-verify (skips every pre-push hook).
        """

    /// `text` in single quotes for sh, or as it is when it needs none.
    static func shellQuote(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII || "0123456789/._-+".unicodeScalars.contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
