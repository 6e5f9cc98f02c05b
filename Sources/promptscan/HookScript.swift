/// The texts `hook install` writes and `hook uninstall` looks for: the pre-commit hook
/// (`Hooks/pre-commit` is this text with the default binary `promptscan`; a test keeps the two
/// equal), the line it adds to husky's `.husky/pre-commit`, and what a blocked commit or push prints.
enum HookScript {
    /// Marks a hook as promptscan's own (so `hook install` may refresh it and `hook uninstall` remove it).
    static let marker = "# promptscan pre-commit hook"
    /// In a hook installed with `--chain`: the hook that was there is `pre-commit.local`, and
    /// `hook uninstall` puts it back.
    static let chainedMarker = "# chained: the hook that was here is pre-commit.local; `promptscan hook uninstall` puts it back"
    /// Ends the line `hook install` adds to a hook manager's script (husky's `.husky/pre-commit`).
    static let lineMarker = "# added by `promptscan hook install`; `promptscan hook uninstall` removes it"
    /// Ends that line instead when `hook install` created the script: uninstalling removes the file
    /// too when nothing else was added to it.
    static let createdLineMarker = "# added by `promptscan hook install` (with this file); `promptscan hook uninstall` removes it"

    /// The hook's text. `binary` is the command run when `$PROMPTSCAN` is not set: by default
    /// `promptscan`, looked up on PATH at each commit (a pinned path breaks when an upgrade moves it).
    static func text(binary: String = "promptscan", chained: Bool = false) -> String {
        """
        #!/bin/sh
        \(marker): blocks a commit whose staged changes add a secret.
        # Installed by `promptscan hook install` (honours core.hooksPath); `promptscan hook uninstall` removes it.
        # Skip it once with `git commit --no-verify`. Runs promptscan from PATH, or $PROMPTSCAN when set.
        # A hook kept as pre-commit.local (hook install --chain) runs first.\(chained ? "\n" + chainedMarker : "")

        default_promptscan=\(shellQuote(binary))
        PROMPTSCAN="${PROMPTSCAN:-$default_promptscan}"

        hook_dir=$(dirname "$0")
        if [ -x "$hook_dir/pre-commit.local" ]; then
          "$hook_dir/pre-commit.local" "$@" || exit $?
        fi

        if ! command -v "$PROMPTSCAN" >/dev/null 2>&1; then
          echo "promptscan pre-commit hook: '$PROMPTSCAN' is not on PATH, so the commit is blocked; install promptscan, set PROMPTSCAN to its path, or skip the hook once with git commit --no-verify" >&2
          exit 2
        fi

        # Prints the findings and, when it blocks, how to fix, allow or baseline them or skip once.
        "$PROMPTSCAN" pre-commit
        status=$?
        if [ "$status" -gt 1 ]; then
          echo "promptscan pre-commit hook: promptscan failed (exit $status), so the commit is blocked; skip the hook once with git commit --no-verify" >&2
        fi
        exit "$status"

        """
    }

    /// The line added to a hook manager's pre-commit script (run with `sh -e`: a finding fails it).
    static func line(binary: String?, created: Bool) -> String {
        // A configured binary is written as given; by default $PROMPTSCAN, else promptscan from PATH.
        let command = binary.map(shellQuote) ?? "\"${PROMPTSCAN:-promptscan}\""
        return "\(command) pre-commit  \(created ? createdLineMarker : lineMarker)"
    }

    /// Whether `line` is one `hook install` added (and whether it created the file with it).
    static func isOwnLine(_ line: Substring) -> (own: Bool, created: Bool) {
        if line.hasSuffix(createdLineMarker) { return (true, true) }
        return (line.hasSuffix(lineMarker), false)
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
