import Values

/// Helm v4's templates rule (`rules/template.go`): the chart loads, its values meet
/// the schemas, every template renders in lint mode (`required` and `fail` do not
/// stop it), and each rendered YAML template of the top chart holds objects Kubernetes
/// would take: parseable documents, valid names, no deprecated API versions, selectors
/// on workloads. A document that does not parse ends the rule, as in Helm.
enum LintTemplates {
    static let folder = "templates/"
    /// Helm lints as a release with this name.
    static let releaseName = "test-release"

    static func run(_ linter: inout Linter, options: LintOptions) {
        let templatesPath = GoFilePath.join(linter.chartDir, folder)
        guard linter.rule(.warning, folder, GoFilePath.exists(templatesPath) ? nil : "directory does not exist") else {
            return
        }
        guard linter.rule(.error, folder, GoFilePath.isDirectory(templatesPath) ? nil : "not a directory") else { return }

        let chart: Chart
        do { chart = try ChartLoader.load(path: linter.chartDir) } catch {
            linter.rule(.error, folder, "\(error)")
            return
        }
        let rendered: [String: String]
        switch render(chart, options: options) {
        case .skipped: return
        case .failed(let message):
            linter.rule(.error, folder, message)
            return
        case .rendered(let files): rendered = files
        }
        let kubeVersion = options.kubeVersion ?? Capabilities.helmDefault.kubeVersion
        for template in chart.templates {
            let fileName = template.name
            let ext = GoFilePath.ext(fileName)
            if ![".yaml", ".yml", ".tpl", ".txt"].contains(ext) {
                linter.rule(
                    .error, fileName, "file extension '\(ext)' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt")
            }
            let lower = ext.lowercased()
            guard lower == ".yaml" || lower == ".yml" else { continue }
            let content = rendered[chart.name + "/" + fileName] ?? ""
            guard !content.trimmingWhitespace().isEmpty else { continue }
            linter.rule(.warning, fileName, topIndentProblem(content))
            let (heads, error) = LintManifestDecoding.decode(content)
            for case let head? in heads {
                linter.rule(.warning, fileName, LintKubernetesNames.problem(kind: head.kind, name: head.name))
                linter.rule(.warning, fileName, LintDeprecations.problem(head, kubeVersion: kubeVersion))
                linter.rule(.error, fileName, selectorProblem(head, content))
                linter.rule(.error, fileName, listAnnotationProblem(head, content))
            }
            if let error {
                linter.rule(.error, fileName, "unable to parse YAML: " + error)
                return
            }
        }
    }

    enum RenderOutcome {
        /// Dependency processing or coalescing failed; Helm reports nothing then.
        case skipped
        case failed(String)
        case rendered([String: String])
    }

    /// The render Helm's lint does: dependencies decided, values coalesced and checked
    /// against every schema, then the engine in lint mode.
    static func render(_ chart: Chart, options: LintOptions) -> RenderOutcome {
        var capabilities = Capabilities.helmDefault
        if let v = options.kubeVersion { capabilities.kubeVersion = v }
        var renderOptions = RenderOptions(
            release: ReleaseInfo(name: releaseName, namespace: options.namespace), capabilities: capabilities)
        renderOptions.lintMode = true
        let processed: Chart
        let coalesced: [String: Value]
        do {
            processed = try DependencyProcessing.process(chart, values: options.values)
            var warnings: [CoalesceWarning] = []
            coalesced = try Coalesce.coalesce(
                DependencyProcessing.coalesceTree(processed), values: options.values, warnings: &warnings)
        } catch {
            return .skipped
        }
        if !options.skipSchemaValidation,
            let problems = ValuesSchema.chartTreeError(ChartRenderer.schemaTree(processed), values: coalesced)
        {
            return .failed(problems)
        }
        let engine = RenderEngine(options: renderOptions)
        do {
            return .rendered(try LargeStack.run { try engine.render(processed, values: coalesced) })
        } catch {
            return .failed("\(error)")
        }
    }

    /// A first non-blank line that starts indented (helm/helm#8467).
    static func topIndentProblem(_ content: String) -> String? {
        for var line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("\r") { line = line.dropLast() }
            if String(line).trimmingWhitespace().isEmpty { continue }
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                return "document starts with an illegal indent: \(ChartValidation.goQuote(String(line))), which may cause parsing problems"
            }
            return nil
        }
        return nil
    }

    /// Workloads must select their pods; Helm looks for the words anywhere in the file.
    static func selectorProblem(_ head: LintManifestHead, _ content: String) -> String? {
        switch head.kind {
        case "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet":
            if !content.contains("matchLabels") && !content.contains("matchExpressions") {
                return "a \(head.kind) must contain matchLabels or matchExpressions, and \(ChartValidation.goQuote(head.name)) does not"
            }
        default:
            break
        }
        return nil
    }

    /// `helm.sh/resource-policy` on the items of a `List` is ignored by Helm; it reads the
    /// file's first document for this.
    static func listAnnotationProblem(_ head: LintManifestHead, _ content: String) -> String? {
        guard head.kind == "List" else { return nil }
        let first: Value
        do { first = try YAML.decode(content) } catch { return "unable to parse YAML: \(error)" }
        let items = first.mapValue?.first { $0.key.lowercased() == "items" }?.value.listValue ?? []
        for item in items {
            let meta = item.mapValue?.first { $0.key.lowercased() == "metadata" }?.value.mapValue
            let annotations = meta?.first { $0.key.lowercased() == "annotations" }?.value.mapValue
            if annotations?["helm.sh/resource-policy"] != nil {
                return "annotation 'helm.sh/resource-policy' within List objects are ignored"
            }
        }
        return nil
    }
}
