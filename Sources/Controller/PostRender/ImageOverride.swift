import KubeObjects

/// One `kustomize.images` entry applied as kustomize's image transformer does: every
/// `image` of an item of a `containers` or `initContainers` list, anywhere in an object
/// (pod specs of Deployments, StatefulSets, DaemonSets, Jobs, CronJobs' job templates,
/// Pods, ReplicaSets, and custom resources shaped alike), whose name is `name` whatever
/// its tag or digest.
struct ImageOverride {
    let image: KustomizeImage

    init(_ image: KustomizeImage, location: String) throws(PostRenderError) {
        guard !image.name.isEmpty else { throw PostRenderError(.invalidImage, location: location, message: "name is empty") }
        self.image = image
    }

    /// Rewrites matching images in place; true when anything changed.
    func apply(to value: inout JSONValue) -> Bool {
        guard case .object(var members) = value else {
            guard case .array(var items) = value else { return false }
            var changed = false
            for i in items.indices where apply(to: &items[i]) { changed = true }
            if changed { value = .array(items) }
            return changed
        }
        var changed = false
        for key in members.keys.sorted() {
            var child = members[key]!
            if key == "containers" || key == "initContainers", case .array(var items) = child {
                for i in items.indices {
                    if case .string(let reference)? = items[i]["image"], let replaced = replacement(for: reference), replaced != reference {
                        items[i]["image"] = .string(replaced)
                        changed = true
                    }
                }
                child = .array(items)
            }
            if apply(to: &child) { changed = true }
            members[key] = child
        }
        if changed { value = .object(members) }
        return changed
    }

    /// The new reference when `reference` names this image; nil otherwise.
    func replacement(for reference: String) -> String? {
        let parts = ImageReference(reference)
        guard parts.name == image.name else { return nil }
        let name = image.newName.flatMap { $0.isEmpty ? nil : $0 } ?? parts.name
        if let digest = image.digest, !digest.isEmpty { return "\(name)@\(digest)" }
        if let tag = image.newTag, !tag.isEmpty { return "\(name):\(tag)" }
        return name + (parts.tag.map { ":\($0)" } ?? "") + (parts.digest.map { "@\($0)" } ?? "")
    }
}

/// kustomize's `image.Split`: `registry:5000/app:1.2@sha256:…` is the name
/// `registry:5000/app`, tag `1.2` and digest `sha256:…`; a colon before the first slash is
/// a registry port, not a tag.
struct ImageReference: Equatable {
    var name: String
    var tag: String?
    var digest: String?

    init(_ reference: String) {
        let searchStart = reference.firstIndex(of: "/") ?? reference.startIndex
        let tail = reference[searchStart...]
        let at = tail.firstIndex(of: "@")
        let colon = tail.firstIndex(of: ":")
        switch (colon, at) {
        case (nil, nil):
            name = reference
        case (let colon?, let at?) where colon < at:
            name = String(reference[..<colon])
            tag = String(reference[reference.index(after: colon)..<at])
            digest = String(reference[reference.index(after: at)...])
        case (_, let at?):
            name = String(reference[..<at])
            digest = String(reference[reference.index(after: at)...])
        case (let colon?, nil):
            name = String(reference[..<colon])
            tag = String(reference[reference.index(after: colon)...])
        }
    }
}
