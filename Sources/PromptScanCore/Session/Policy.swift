import Foundation

/// Where a run's settings come from (README, "Trust model").
public enum Policy: Sendable {
    /// The checked-out `.promptscan.yml`, or `--config`: a run on one's own work.
    case workTree
    /// `--trusted-config FILE`: a file the operator vouches for, from outside the change.
    case trustedFile(String)
    /// `diff` without `--trusted-config`: the base revision's `.promptscan.yml` and the files it names.
    case baseRevision(RevisionFiles)
    /// An untrusted run with no revision to read settings from (`scan` or `staged` on a pull
    /// request): the built-in defaults.
    case defaults

    public var isTrusted: Bool {
        if case .workTree = self { return true }
        return false
    }

    /// Why the environment says this run checks a change someone else proposed: the CI variables
    /// of a pull or merge request. nil for a local run.
    public static func pullRequestVariable(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let event = environment["GITHUB_EVENT_NAME"], event == "pull_request" || event == "pull_request_target" {
            return "GITHUB_EVENT_NAME"
        }
        for name in ["CI_MERGE_REQUEST_IID", "BITBUCKET_PR_ID", "SYSTEM_PULLREQUEST_PULLREQUESTID"]
        where !(environment[name] ?? "").isEmpty {
            return name
        }
        return nil
    }
}
