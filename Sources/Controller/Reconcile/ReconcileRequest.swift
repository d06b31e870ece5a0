/// `helm.rudder.dev/requestedAt`: a person's request for a fresh attempt (any new value,
/// conventionally a timestamp: `kubectl annotate hr NAME helm.rudder.dev/requestedAt="$(date +%s)" --overwrite`).
/// A value not yet acted on resets the failure counters, lifts `Stalled` and lets a
/// failed revision be tried again with the same spec, so no one needs to suspend and
/// resume a release to unstick it. The value acted on is kept in
/// `status.lastHandledRequestedAt`.
public enum ReconcileRequest {
    public static let annotation = "helm.rudder.dev/requestedAt"

    /// The request to act on now, if the annotation holds one not handled yet.
    static func pending(_ release: HelmRelease) -> String? {
        guard let value = release.metadata.annotations?[annotation], !value.isEmpty else { return nil }
        return value == release.status?.lastHandledRequestedAt ? nil : value
    }
}
