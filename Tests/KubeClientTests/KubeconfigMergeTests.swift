import Foundation
import KubeClient
import XCTest

/// Which files are read and how they merge: `--kubeconfig`, `KUBECONFIG=a:b`, `~/.kube/config`.
final class KubeconfigMergeTests: XCTestCase {
    var dir: ScratchDirectory!

    override func setUpWithError() throws {
        dir = try ScratchDirectory()
        // a: defines "shared" (server A, token-a), "only-a", and current-context one.
        try dir.write("a", """
            clusters:
            - name: shared
              cluster: {server: "https://a.example:6443"}
            - name: only-a
              cluster: {server: "https://only-a.example"}
            users:
            - name: shared
              user: {token: token-a}
            contexts:
            - name: one
              context: {cluster: shared, user: shared}
            current-context: one
            """)
        // b: redefines "shared" with more fields, adds "only-b" and its own current-context.
        try dir.write("b", """
            clusters:
            - name: shared
              cluster: {server: "https://b.example:6443", tls-server-name: b-name}
            - name: only-b
              cluster: {server: "https://only-b.example"}
            users:
            - name: shared
              user: {token: token-b, username: b-user}
            contexts:
            - name: two
              context: {cluster: only-b, user: shared, namespace: b-ns}
            current-context: two
            """)
        try dir.write("no-context", "clusters:\n- name: z\n  cluster: {server: \"https://z\"}\n")
    }

    override func tearDown() { dir.remove() }

    func merged(_ list: String) throws -> KubeconfigFile {
        try KubeconfigLoadingRules(explicitPath: nil, environment: dir.environment(["KUBECONFIG": list])).load()
    }

    func testFirstFileToDefineANameWinsThatEntryWhole() throws {
        let file = try merged("\(dir.file("a")):\(dir.file("b"))")
        XCTAssertEqual(file.clusters["shared"], KubeconfigCluster(server: "https://a.example:6443"))
        XCTAssertEqual(file.users["shared"], KubeconfigUser(token: Sensitive("token-a")))
    }

    func testEntriesOfEveryFileAreKept() throws {
        let file = try merged("\(dir.file("a")):\(dir.file("b"))")
        XCTAssertEqual(Set(file.clusters.keys), ["shared", "only-a", "only-b"])
        XCTAssertEqual(Set(file.contexts.keys), ["one", "two"])
    }

    func testCurrentContextComesFromTheFirstFileThatSetsOne() throws {
        XCTAssertEqual(try merged("\(dir.file("no-context")):\(dir.file("b")):\(dir.file("a"))").currentContext, "two")
    }

    func testMissingAndEmptyEntriesInKUBECONFIGAreSkipped() throws {
        let file = try merged("\(dir.file("missing"))::\(dir.file("a"))")
        XCTAssertEqual(file.currentContext, "one")
    }

    func testDuplicatePathsAreReadOnce() {
        let rules = KubeconfigLoadingRules(
            explicitPath: nil, environment: dir.environment(["KUBECONFIG": "\(dir.file("a")):\(dir.file("a"))"]))
        XCTAssertEqual(rules.precedence, [dir.file("a")])
    }

    func testExplicitPathBeatsKUBECONFIG() throws {
        let rules = KubeconfigLoadingRules(
            explicitPath: dir.file("b"), environment: dir.environment(["KUBECONFIG": dir.file("a")]))
        XCTAssertEqual(try rules.load().currentContext, "two")
        XCTAssertNil(try rules.load().clusters["only-a"])
    }

    func testMissingExplicitFileIsAnError() {
        let rules = KubeconfigLoadingRules(explicitPath: dir.file("missing"), environment: dir.environment())
        XCTAssertEqual(thrownError(KubeconfigError.self) { _ = try rules.load() }, .fileNotFound(path: dir.file("missing")))
    }

    func testDefaultIsHomeKubeConfig() throws {
        try dir.write("home/.kube/config", simpleKubeconfig(name: "home", server: "https://home.example"))
        let rules = KubeconfigLoadingRules(explicitPath: nil, environment: dir.environment())
        XCTAssertEqual(rules.precedence, [dir.file("home/.kube/config")])
        XCTAssertEqual(try rules.load().currentContext, "home")
    }

    func testMalformedFileInTheChainIsAnErrorNamingIt() {
        let broken = try! dir.write("broken", "clusters: {{")
        let error = thrownError(KubeconfigError.self) { _ = try self.merged("\(self.dir.file("a")):\(broken)") }
        guard case .malformedYAML(let path, _)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(path, broken)
    }

    func testResolvingTheMergedChainUsesTheWinningEntries() throws {
        let config = try ClientConfig.load(
            environment: dir.environment(["KUBECONFIG": "\(dir.file("a")):\(dir.file("b"))"]))
        XCTAssertEqual(config.server.absoluteString, "https://a.example:6443")
        XCTAssertEqual(config.origin, .kubeconfig(context: "one"))
        guard case .bearerToken(let token) = config.credentials else { return XCTFail("\(config.credentials)") }
        XCTAssertEqual(token.value, "token-a")
    }
}
