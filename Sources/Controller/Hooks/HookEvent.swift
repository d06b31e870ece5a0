/// The points of a release's life at which Helm runs hooks (`helm.sh/hook`), as Helm 3
/// and 4 record them in a release's `hooks[].events`.
public enum HookEvent: String, Sendable, CaseIterable {
    case preInstall = "pre-install"
    case postInstall = "post-install"
    case preDelete = "pre-delete"
    case postDelete = "post-delete"
    case preUpgrade = "pre-upgrade"
    case postUpgrade = "post-upgrade"
    case preRollback = "pre-rollback"
    case postRollback = "post-rollback"
    case test = "test"

    /// An event as a chart names it. Helm 3 still reads Helm 2's `test-success` as `test`
    /// (and skips documents naming `test-failure`, which the chart renderer already does).
    public init?(annotation text: String) {
        if text == "test-success" {
            self = .test
        } else {
            self.init(rawValue: text)
        }
    }
}

/// `helm.sh/hook-delete-policy` values.
public enum HookDeletePolicy: String, Sendable, CaseIterable {
    /// Delete the previous object (and wait until it is gone) before creating the hook
    /// again: Helm's default when a hook names no policy.
    case beforeHookCreation = "before-hook-creation"
    /// Delete the hook's object once every hook of the event has succeeded.
    case hookSucceeded = "hook-succeeded"
    /// Delete the hook's object when it failed.
    case hookFailed = "hook-failed"
}

/// `release.HookPhase`: how a hook's last run ended, in `hooks[].last_run.phase`.
public enum HookPhase {
    public static let unknown = "Unknown"
    public static let running = "Running"
    public static let succeeded = "Succeeded"
    public static let failed = "Failed"
}
