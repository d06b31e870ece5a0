import Values

/// One YAML document of a rendered template, with what Helm reads of its head.
public struct Manifest: Sendable, Equatable {
    /// The template it came from (`<chart>/templates/x.yaml`).
    public var path: String
    public var content: String
    public var kind: String
    public var name: String
}

/// A manifest carrying `helm.sh/hook`: run at lifecycle events, not installed with the
/// release.
public struct Hook: Sendable, Equatable {
    public var manifest: Manifest
    public var events: [String]
    public var weight: Int
    public var deletePolicies: [String]
}

/// Helm's `releaseutil.SortManifests`: rendered files split into documents, hooks set
/// apart, and both sorted by kind in install order (stable, so documents of one kind
/// keep the order of their files and positions).
public enum ManifestSorting {
    /// Kinds in the order Helm installs them; other kinds follow, alphabetically.
    public static let installOrder: [String] = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
        "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]

    static let hookEvents: Set<String> = [
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
        "pre-rollback", "post-rollback", "test", "test-success",
    ]

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let message: String
        public var description: String { "YAML parse error on \(path): \(message)" }
    }

    /// Partials, NOTES.txt and whitespace-only files are left out.
    public static func sort(_ files: [String: String]) throws -> (hooks: [Hook], manifests: [Manifest]) {
        var hooks: [Hook] = []
        var manifests: [Manifest] = []
        for path in files.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let content = files[path]!
            let base = path.split(separator: "/").last.map(String.init) ?? path
            if base.hasPrefix("_") || path.hasSuffix("/NOTES.txt") { continue }
            if content.trimmingWhitespace().isEmpty { continue }
            for document in split(content) {
                let head: Value
                do { head = try YAML.decode(document) } catch { throw ParseError(path: path, message: "\(error)") }
                let meta = head.mapValue?["metadata"]?.mapValue ?? [:]
                let manifest = Manifest(
                    path: path, content: document, kind: head.mapValue?["kind"]?.stringValue ?? "",
                    name: meta["name"]?.stringValue ?? "")
                let annotations = meta["annotations"]?.mapValue ?? [:]
                guard case .string(let hookTypes)? = annotations["helm.sh/hook"] else {
                    manifests.append(manifest)
                    continue
                }
                let events = hookTypes.split(separator: ",").map { String($0).trimmingWhitespace().lowercased() }
                // Helm skips a document naming an unknown hook event.
                guard events.allSatisfy(hookEvents.contains) else { continue }
                let weight = Int(annotations["helm.sh/hook-weight"]?.stringValue?.trimmingWhitespace() ?? "") ?? 0
                let policies = (annotations["helm.sh/hook-delete-policy"]?.stringValue ?? "")
                    .split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
                hooks.append(Hook(manifest: manifest, events: events, weight: weight, deletePolicies: policies))
            }
        }
        return (stableSorted(hooks, kind: \.manifest.kind), stableSorted(manifests, kind: \.kind))
    }

    /// Helm's `SplitManifests`: documents separated by the regexp `(?:^|\s*\n)---\s*`
    /// (a `---` at the very start or right after a newline, with the whitespace around
    /// it), each trimmed, empty ones dropped.
    public static func split(_ text: String) -> [String] {
        let bytes = Array(text.trimmingWhitespace().utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        func isDashes(_ at: Int) -> Bool {
            at + 3 <= bytes.count && bytes[at] == 0x2D && bytes[at + 1] == 0x2D && bytes[at + 2] == 0x2D
        }
        var documents: [String] = []
        var start = 0
        func emit(_ end: Int) {
            let d = String(decoding: bytes[start..<end], as: UTF8.self).trimmingWhitespace()
            if !d.isEmpty { documents.append(d) }
        }
        var i = 0
        while i < bytes.count {
            var separatorStart: Int?
            var dashes = 0
            if i == 0 && isDashes(0) {
                separatorStart = 0
                dashes = 0
            } else if bytes[i] == 0x0A && isDashes(i + 1) {
                var s = i
                while s > start && isSpace(bytes[s - 1]) { s -= 1 }
                separatorStart = s
                dashes = i + 1
            }
            guard let separatorStart else {
                i += 1
                continue
            }
            emit(separatorStart)
            var end = dashes + 3
            while end < bytes.count && isSpace(bytes[end]) { end += 1 }
            start = end
            i = end
        }
        if start < bytes.count { emit(bytes.count) }
        return documents
    }

    static func stableSorted<T>(_ items: [T], kind: KeyPath<T, String>) -> [T] {
        let order = Dictionary(uniqueKeysWithValues: installOrder.enumerated().map { ($1, $0) })
        return items.enumerated().sorted { a, b in
            let ka = a.element[keyPath: kind]
            let kb = b.element[keyPath: kind]
            switch (order[ka], order[kb]) {
            case (let x?, let y?): return x != y ? x < y : a.offset < b.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return ka != kb ? ka.utf8.lexicographicallyPrecedes(kb.utf8) : a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// The text `helm template` prints.
public enum ManifestStream {
    /// Every manifest as `---\n# Source: PATH\nDOC`, then the hooks the same way.
    public static func helmTemplateOutput(_ files: [String: String]) throws -> String {
        let (hooks, manifests) = try ManifestSorting.sort(files)
        var body = ""
        for m in manifests { body += "---\n# Source: \(m.path)\n\(m.content)\n" }
        var out = body.trimmingWhitespace() + "\n"
        for h in hooks { out += "---\n# Source: \(h.manifest.path)\n\(h.manifest.content)\n" }
        return out
    }
}
