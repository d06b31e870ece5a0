import KubeObjects

/// The ConfigMaps and Secrets a HelmRelease reads (values, packaged chart, repository
/// credentials), so a change to one of them reconciles the releases that use it.
enum ReleaseReferences {
    static func references(_ release: JSONValue, kind: ReferencedKind, name: String) -> Bool {
        guard let spec = release["spec"] else { return false }
        for entry in spec["valuesFrom"]?.arrayValue ?? [] where entry["name"]?.stringValue == name {
            if entry["kind"]?.stringValue == kind.rawValue { return true }
        }
        let chart = spec["chart"]
        if let packaged = chart?["packagedRef"], packaged["name"]?.stringValue == name,
            (packaged["kind"]?.stringValue ?? ReferencedKind.configMap.rawValue) == kind.rawValue
        {
            return true
        }
        if kind == .secret, chart?[path: ["secretRef", "name"]]?.stringValue == name { return true }
        return false
    }
}
