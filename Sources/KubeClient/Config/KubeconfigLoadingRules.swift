/// Which kubeconfig files are read, in kubectl's order:
/// 1. `--kubeconfig PATH`: that file alone, which must exist;
/// 2. else `KUBECONFIG` (a `:`-separated list, duplicates and empty entries dropped): those
///    files merged, missing ones skipped;
/// 3. else `$HOME/.kube/config`, if it exists.
public struct KubeconfigLoadingRules: Sendable, Equatable {
    public var explicitPath: String?
    public var precedence: [String]

    public init(explicitPath: String? = nil, precedence: [String] = []) {
        self.explicitPath = explicitPath
        self.precedence = precedence
    }

    public init(explicitPath: String?, environment: ConfigEnvironment) {
        self.explicitPath = explicitPath.flatMap { $0.isEmpty ? nil : $0 }
        if let list = environment.variables["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            precedence = list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
                .filter { seen.insert($0).inserted }
        } else {
            precedence = environment.defaultKubeconfigPath.map { [$0] } ?? []
        }
    }

    /// The files that were (or would be) consulted, for "no configuration" errors.
    public var paths: [String] { explicitPath.map { [$0] } ?? precedence }

    /// The merged kubeconfig; empty when no file exists.
    public func load() throws(KubeconfigError) -> KubeconfigFile {
        if let explicitPath { return try KubeconfigFile.load(path: explicitPath) }
        var files: [KubeconfigFile] = []
        for path in precedence {
            do {
                files.append(try KubeconfigFile.load(path: path))
            } catch .fileNotFound {
                continue
            }
        }
        return KubeconfigFile.merged(files)
    }
}
