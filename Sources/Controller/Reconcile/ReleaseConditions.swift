import KubeClient

/// Sets conditions the way `meta.SetStatusCondition` does: the transition time changes only
/// when the status does, so an unchanged condition writes nothing new.
enum ReleaseConditions {
    static func set(
        _ conditions: inout [Condition], type: String, status: ConditionStatus, reason: String, message: String, generation: Int64?,
        now: Time
    ) {
        let message = String(message.prefix(32_000))
        if let i = conditions.firstIndex(where: { $0.type == type }) {
            if conditions[i].status != status { conditions[i].lastTransitionTime = now }
            conditions[i].status = status
            conditions[i].reason = reason
            conditions[i].message = message
            conditions[i].observedGeneration = generation
        } else {
            conditions.append(
                Condition(type: type, status: status, observedGeneration: generation, lastTransitionTime: now, reason: reason, message: message))
        }
    }

    static func remove(_ conditions: inout [Condition], type: String) {
        conditions.removeAll { $0.type == type }
    }
}

/// The reasons conditions and Events carry.
public enum ReleaseReason {
    public static let installSucceeded = "InstallSucceeded"
    public static let installFailed = "InstallFailed"
    public static let upgradeSucceeded = "UpgradeSucceeded"
    public static let upgradeFailed = "UpgradeFailed"
    public static let rollbackSucceeded = "RollbackSucceeded"
    public static let rollbackFailed = "RollbackFailed"
    public static let uninstallSucceeded = "UninstallSucceeded"
    public static let uninstallFailed = "UninstallFailed"
    public static let unlocked = "PendingReleaseRecovered"
    public static let lockedByAnotherClient = "ReleaseLocked"
    public static let valuesFailed = "ValuesError"
    public static let chartFailed = "ChartFetchFailed"
    public static let renderFailed = "RenderFailed"
    public static let storageFailed = "StorageError"
    public static let progressing = "Progressing"
    public static let upToDate = "ReleaseUpToDate"
    public static let suspended = "Suspended"
    public static let historyMissing = "RollbackTargetMissing"
    public static let retriesExceeded = "RetriesExceeded"
    public static let dependencyNotReady = "DependencyNotReady"
    public static let dependencyCycle = "DependencyCycle"
    public static let driftCorrected = "DriftCorrected"
    public static let forbidden = "Forbidden"
    public static let driftDetected = "DriftDetected"
    public static let noDrift = "NoDrift"
    /// A test hook of the deployed revision failed (`spec.test.enable`).
    public static let testFailed = "TestFailed"
    public static let testSucceeded = "TestSucceeded"
}
