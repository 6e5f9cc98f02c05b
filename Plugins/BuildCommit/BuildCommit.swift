import Foundation
import PackagePlugin

/// Writes the commit the tool is built from into `BuildCommit.swift` before every build of the
/// `promptscan` target, so that `promptscan --version` names it. SwiftPM has no build-time values,
/// so a shell runs `git rev-parse` in the package folder; a tree with changes to tracked files
/// adds `+changes`, and outside a git checkout (a source archive) the commit is `unknown`. The file is replaced only when its text changes, so an
/// unchanged commit does not recompile the target.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let file = output.appending(path: "BuildCommit.swift").path()
        let package = context.package.directoryURL.path()
        let script = """
            mkdir -p "$1" || exit 1
            if commit=$(git -C "$2" rev-parse --short=12 HEAD 2>/dev/null); then
                git -C "$2" diff --quiet HEAD -- 2>/dev/null || commit="$commit+changes"
            else
                commit=unknown
            fi
            text="// Written by the BuildCommit plugin before each build.
            enum BuildCommit { static let value = \\"$commit\\" }"
            [ -f "$3" ] && [ "$(cat "$3")" = "$text" ] || printf '%s\\n' "$text" > "$3"
            """
        return [
            .prebuildCommand(
                displayName: "Recording the build commit",
                executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "build-commit", output.path(), package, file],
                outputFilesDirectory: output
            )
        ]
    }
}
