/// Helm v4's dependency and CRD rules (`rules/dependencies.go`, `rules/crds.go`).
enum LintDependencies {
    /// Declared dependencies against the charts in `charts/` (helm/helm#7910).
    static func run(_ linter: inout Linter) {
        let chart: Chart
        do { chart = try ChartLoader.loadDirectory(linter.chartDir) } catch {
            linter.rule(.error, "", "unable to load chart\n\t\(error)")
            return
        }
        let dir = linter.chartDir
        let declared = Set(chart.metadata.dependencies.map(\.name))
        let present = chart.dependencies.map(\.metadata.name)
        let undeclared = present.filter { !declared.contains($0) }
        if !undeclared.isEmpty {
            linter.rule(.error, dir, "chart metadata is missing these dependencies: " + undeclared.joined(separator: ","))
        }
        var seen = Set<String>()
        var shadowing: [String] = []
        for d in chart.metadata.dependencies where !seen.insert(d.effectiveName).inserted {
            shadowing.append(d.effectiveName)
        }
        if !shadowing.isEmpty {
            linter.rule(.error, dir, "multiple dependencies with name or alias: " + shadowing.joined(separator: ","))
        }
        let presentSet = Set(present)
        let missing = chart.metadata.dependencies.map(\.name).filter { !presentSet.contains($0) }
        if !missing.isEmpty {
            linter.rule(.warning, dir, "chart directory is missing these dependencies: " + missing.joined(separator: ","))
        }
    }

    /// Files under `crds/` (of the chart and every subchart) must be plain CRDs.
    static func runCRDs(_ linter: inout Linter) {
        let folder = "crds/"
        let crdsPath = GoFilePath.join(linter.chartDir, folder)
        guard GoFilePath.exists(crdsPath) else { return }
        guard linter.rule(.error, folder, GoFilePath.isDirectory(crdsPath) ? nil : "not a directory") else { return }
        let chart: Chart
        do { chart = try ChartLoader.load(path: linter.chartDir) } catch {
            linter.rule(.error, folder, "\(error)")
            return
        }
        for crd in crdObjects(chart) {
            let (heads, error) = LintManifestDecoding.decode(String(decoding: crd.data, as: UTF8.self))
            for case let head? in heads {
                if !head.apiVersion.hasPrefix("apiextensions.k8s.io") {
                    linter.rule(.error, crd.name, "apiVersion is not in 'apiextensions.k8s.io'")
                }
                if head.kind != "CustomResourceDefinition" {
                    linter.rule(.error, crd.name, "object kind is not 'CustomResourceDefinition'")
                }
            }
            if let error {
                linter.rule(.error, crd.name, "unable to parse YAML: " + error)
                return
            }
        }
    }

    /// Helm's `CRDObjects`: the chart's own, then each subchart's, recursively.
    static func crdObjects(_ chart: Chart) -> [ChartFile] {
        chart.crds + chart.dependencies.flatMap(crdObjects)
    }
}
