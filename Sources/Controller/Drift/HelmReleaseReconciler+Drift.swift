import KubeClient
import KubeObjects

extension HelmReleaseReconciler {
    /// The drift check of a deployed release that matches its spec (`spec.driftDetection`,
    /// `enabled` unless said otherwise): drift is corrected (`enabled`) or only reported
    /// (`warn`), each time with an Event; the `Drifted` condition says what was found.
    /// A release never found drifted carries no `Drifted` condition.
    func checkDrift(
        _ deployed: Release, release: HelmRelease, names: ReleaseNames, object: JSONValue, conditions: inout [Condition],
        acting: ReconcilerEnvironment
    ) async throws {
        let mode = release.spec.driftDetection?.mode ?? .enabled
        let generation = release.metadata.generation
        let now = environment.kubeNow
        guard mode != .disabled else {
            ReleaseConditions.remove(&conditions, type: ConditionType.drifted)
            return
        }
        let detector = DriftDetector(environment: acting, names: names, rules: release.spec.driftDetection?.ignore ?? [])
        let (objects, drifts) = try await detector.detect(manifest: deployed.manifest)
        let previous = conditions.first { $0.type == ConditionType.drifted }
        guard !drifts.isEmpty else {
            if previous?.status == .true {
                ReleaseConditions.set(
                    &conditions, type: ConditionType.drifted, status: .false, reason: ReleaseReason.noDrift,
                    message: "The cluster matches revision \(deployed.version)", generation: generation, now: now)
            }
            return
        }
        let found = drifts.map(\.description).joined(separator: "; ")
        if mode == .enabled {
            try await detector.correct(drifts, among: objects)
            let message = "Corrected drift from revision \(deployed.version): \(found)"
            record(object, .normal, ReleaseReason.driftCorrected, message)
            ReleaseConditions.set(
                &conditions, type: ConditionType.drifted, status: .false, reason: ReleaseReason.driftCorrected, message: message,
                generation: generation, now: now)
        } else {
            let message = "The cluster departs from revision \(deployed.version): \(found)"
            record(object, .warning, ReleaseReason.driftDetected, message)
            ReleaseConditions.set(
                &conditions, type: ConditionType.drifted, status: .true, reason: ReleaseReason.driftDetected, message: message,
                generation: generation, now: now)
        }
    }
}
