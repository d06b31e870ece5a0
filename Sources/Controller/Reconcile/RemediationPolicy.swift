/// What a failed install or upgrade leads to, by `install.remediation` and
/// `upgrade.remediation`: how many more attempts the spec allows, what undoes a failure
/// before the next one (install: uninstall; upgrade: roll back to the last deployed
/// revision, or uninstall), and how long to wait in between.
///
/// With no retries (the default) a failure is left as it is, for a person to inspect, and
/// the release is stalled until the spec changes or `helm.rudder.dev/requestedAt` asks
/// for another attempt. With retries every failure is remediated, the last one too, so a
/// release that will not upgrade is left running its last good revision.
struct RemediationPolicy {
    enum Phase: Equatable {
        case install
        case upgrade
    }

    let spec: HelmReleaseSpec

    func retries(_ phase: Phase) -> Int {
        switch phase {
        case .install: max(0, spec.install?.remediation?.retries ?? 0)
        case .upgrade: max(0, spec.upgrade?.remediation?.retries ?? 0)
        }
    }

    /// Whether failures of `phase` are undone before the next attempt.
    func remediates(_ phase: Phase) -> Bool { retries(phase) > 0 }

    var upgradeStrategy: UpgradeRemediation.Strategy { spec.upgrade?.remediation?.strategy ?? .rollback }

    /// Whether `failures` failed attempts leave another one.
    func mayRetry(_ phase: Phase, failures: Int) -> Bool { failures <= retries(phase) }

    /// The wait before attempt `failures + 1`: 10 s doubling, at most 5 minutes and at most
    /// the interval (a retry never comes later than the resync would).
    static func backoff(afterFailures failures: Int, interval: Duration) -> Duration {
        let seconds = 10 << min(max(failures - 1, 0), 5)
        return min(.seconds(min(seconds, 300)), interval)
    }
}
