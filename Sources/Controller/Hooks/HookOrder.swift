import Charts

/// The order in which the hooks of one event run: Helm's `hookByWeight` — by
/// `helm.sh/hook-weight` (lowest first), then by kind in Helm's install order (kinds it does
/// not know last, alphabetically), then by name.
enum HookOrder {
    /// The positions in `hooks` of those that run at `event`, in running order.
    static func indices(of hooks: [Release.Hook], at event: HookEvent) -> [Int] {
        hooks.indices.filter { hooks[$0].runs(at: event) }.sorted { precedes(hooks[$0], hooks[$1]) }
    }

    static func precedes(_ a: Release.Hook, _ b: Release.Hook) -> Bool {
        if a.weight != b.weight { return a.weight < b.weight }
        switch (kindRank[a.kind], kindRank[b.kind]) {
        case (nil, nil):
            if a.kind != b.kind { return a.kind.utf8.lexicographicallyPrecedes(b.kind.utf8) }
        case (nil, .some): return false
        case (.some, nil): return true
        case (let x?, let y?):
            if x != y { return x < y }
        }
        // Go compares strings bytewise.
        return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }

    private static let kindRank = Dictionary(uniqueKeysWithValues: ManifestSorting.installOrder.enumerated().map { ($1, $0) })
}
