/// Why a release command failed, worded as Helm words the same failure where Helm has one,
/// with the HelmRelease named so the user knows which object to look at.
enum ReleaseCommandError: Error, CustomStringConvertible, Equatable {
    case notFound(name: String, namespace: String)
    /// `install` of a name that has a HelmRelease already (Helm's wording).
    case nameInUse(name: String, namespace: String)
    /// `upgrade` without `--install` of a name with no HelmRelease.
    case noRelease(name: String, namespace: String)
    case invalidChart(String)
    case invalidArgument(String)
    case noSuchRevision(revision: Int, release: String, known: [Int])
    /// The controller reported the generation failed (Ready=False with a failure reason).
    case failed(name: String, namespace: String, reason: String, message: String)
    case timedOut(what: String, last: String)
    case deletedWhileWaiting(name: String, namespace: String)

    var description: String {
        switch self {
        case .notFound(let name, let namespace):
            return "release: not found (no HelmRelease \"\(name)\" in namespace \"\(namespace)\")"
        case .nameInUse(let name, let namespace):
            return "INSTALLATION FAILED: cannot re-use a name that is still in use (HelmRelease \(namespace)/\(name) exists; "
                + "use `rudder upgrade --install`)"
        case .noRelease(let name, let namespace):
            return "UPGRADE FAILED: \"\(name)\" has no deployed releases (no HelmRelease in namespace \"\(namespace)\"; "
                + "use --install to create it)"
        case .invalidChart(let message), .invalidArgument(let message):
            return message
        case .noSuchRevision(let revision, let release, let known):
            let list = known.isEmpty ? "none" : known.map(String.init).joined(separator: ", ")
            return "release has no \(revision) version (revisions of \(release): \(list))"
        case .failed(let name, let namespace, let reason, let message):
            return "HelmRelease \(namespace)/\(name) is not ready: \(reason): \(message)"
        case .timedOut(let what, let last):
            return "timed out waiting for \(what) (last seen: \(last))"
        case .deletedWhileWaiting(let name, let namespace):
            return "HelmRelease \(namespace)/\(name) was deleted while waiting for it to be ready"
        }
    }
}
