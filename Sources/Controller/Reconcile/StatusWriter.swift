import KubeClient
import KubeObjects

/// Writes one reconcile's status updates to its HelmRelease, each over the version of the
/// object the previous write returned, so a reconcile that reports progress and then its
/// outcome makes two writes, not a conflict and a retry. A status equal to the one last
/// written is not written again.
actor StatusWriter {
    private var object: JSONValue
    private var onServer: HelmReleaseStatus
    private let releases: ResourceClient
    private let written: WrittenVersions

    /// `object` is the HelmRelease as read, whose status is `status`.
    init(object: JSONValue, status: HelmReleaseStatus, releases: ResourceClient, written: WrittenVersions) {
        self.object = object
        self.onServer = status
        self.releases = releases
        self.written = written
    }

    /// The object as last read or written (for Events, which need its uid).
    var current: JSONValue { object }

    /// Writes `status` when it differs from what is on the server, conditional on the
    /// version last seen.
    func write(_ status: HelmReleaseStatus) async throws {
        guard status != onServer, case .object(var fields) = object else { return }
        fields["status"] = try JSONValue(encoding: status)
        let stored: JSONValue
        do {
            stored = try await releases.updateStatus(.object(fields))
        } catch let error as KubeAPIError where error.isConflict {
            // The spec or metadata moved on meanwhile (a user's edit); the status is ours
            // alone, so it is written over the fresh object rather than lost. The edit
            // queues the next reconcile.
            guard let name = object.metadataName, case .object(var fresh)? = try await releases.getIfExists(name) else { return }
            fresh["status"] = try JSONValue(encoding: status)
            stored = try await releases.updateStatus(.object(fresh))
        }
        object = stored
        onServer = status
        await written.note(stored)
    }
}
