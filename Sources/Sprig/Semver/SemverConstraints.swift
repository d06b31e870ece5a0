/// A parsed constraint string, as Masterminds/semver v3.5.0's `Constraints`.
///
/// `||` separates alternatives; inside one, constraints separated by spaces or commas
/// must all hold. `A - B` is rewritten to `>= A, <= B` before anything else. Helm uses
/// this for `semverCompare`, `kubeVersion`, dependency versions and `--version`.
///
/// Prereleases are special: a version with a prerelease only satisfies an alternative
/// that itself mentions a prerelease (`>=1.19-0` admits `1.20.5-gke.100`; `>=1.19`
/// does not), unless ``includePrerelease`` is set.
public struct SemverConstraints: Sendable, CustomStringConvertible {
    /// `MaxConstraintLen`
    public static let maxLength = 512
    /// `MaxConstraintGroups`
    public static let maxGroups = 32

    let groups: [[SemverConstraint]]
    let groupHasPrerelease: [Bool]

    /// `IncludePrerelease`: let prerelease versions satisfy every alternative.
    public var includePrerelease = false

    /// `NewConstraint`. Errors: ``SemverError/constraintTooLong``,
    /// ``SemverError/tooManyConstraintGroups``, ``SemverError/improperConstraint(_:)``
    /// (naming the whole offending `||` group, after range rewriting) and
    /// ``SemverError/constraintParser``.
    public init(_ text: String) throws(SemverError) {
        if text.utf8.count > SemverConstraints.maxLength { throw .constraintTooLong }
        let rewritten = SemverConstraintGrammar.rewriteRanges(Array(text.utf8))
        let pieces = SemverConstraintGrammar.splitGroups(rewritten)
        if pieces.count > SemverConstraints.maxGroups { throw .tooManyConstraintGroups }
        var groups: [[SemverConstraint]] = []
        var hasPre: [Bool] = []
        groups.reserveCapacity(pieces.count)
        for piece in pieces {
            let parsed: Result<[SemverConstraint], SemverError> = piece.withUnsafeBufferPointer { b in
                guard let items = SemverConstraintGrammar.scanGroup(b) else {
                    return .failure(.improperConstraint(String(decoding: b, as: UTF8.self)))
                }
                do throws(SemverError) {
                    var group: [SemverConstraint] = []
                    group.reserveCapacity(items.count)
                    for item in items { group.append(try SemverConstraint(item, in: b)) }
                    return .success(group)
                } catch {
                    return .failure(error)
                }
            }
            let group = try parsed.get()
            groups.append(group)
            hasPre.append(group.contains { !$0.version.prerelease.isEmpty })
        }
        self.groups = groups
        self.groupHasPrerelease = hasPre
    }

    /// `Check`: whether some alternative holds entirely.
    public func check(_ v: SemverVersion) -> Bool {
        for (i, group) in groups.enumerated() {
            let pre = includePrerelease || groupHasPrerelease[i]
            if group.allSatisfy({ $0.failure(v, includePrerelease: pre) == nil }) { return true }
        }
        return false
    }

    /// `Validate`: like ``check(_:)``, plus Masterminds' reasons when no alternative
    /// holds (every failing constraint of every alternative, the prerelease reason once).
    public func validate(_ v: SemverVersion) -> (satisfied: Bool, reasons: [String]) {
        var reasons: [String] = []
        var reportedPrerelease = false
        for (i, group) in groups.enumerated() {
            let pre = includePrerelease || groupHasPrerelease[i]
            var ok = true
            for c in group {
                if !pre && !v.prerelease.isEmpty {
                    if !reportedPrerelease {
                        reasons.append(SemverFailReason.prerelease.message(v, c.orig))
                        reportedPrerelease = true
                    }
                    ok = false
                } else if let reason = c.failure(v, includePrerelease: pre) {
                    reasons.append(reason.message(v, c.orig))
                    ok = false
                }
            }
            if ok { return (true, []) }
        }
        return (false, reasons)
    }

    /// `String()`: each constraint as operator plus version text, space-separated,
    /// alternatives joined by ` || ` (so a range reads `>=1.2 <=1.4.5`).
    public var description: String {
        groups.map { $0.map { $0.op.rawValue + $0.orig }.joined(separator: " ") }.joined(separator: " || ")
    }
}
