import Charts

/// Helm's install order (`ManifestSorting.installOrder`) over release objects: known kinds
/// in Helm's order, unknown kinds after them alphabetically, ties kept in manifest order.
/// Deletion runs the same order backwards, so dependents go before what they depend on.
enum InstallOrder {
    static func sorted(_ objects: [ReleaseObject]) -> [ReleaseObject] {
        let rank = Dictionary(uniqueKeysWithValues: ManifestSorting.installOrder.enumerated().map { ($1, $0) })
        return objects.enumerated().sorted { a, b in
            let ka = a.element.kind.kind
            let kb = b.element.kind.kind
            switch (rank[ka], rank[kb]) {
            case (let x?, let y?): return x != y ? x < y : a.offset < b.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return ka != kb ? ka.utf8.lexicographicallyPrecedes(kb.utf8) : a.offset < b.offset
            }
        }.map(\.element)
    }

    static func uninstallSorted(_ objects: [ReleaseObject]) -> [ReleaseObject] {
        sorted(objects).reversed()
    }
}
