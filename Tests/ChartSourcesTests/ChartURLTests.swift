import ChartSources
import XCTest

/// Expected values are the cases of Helm's own `TestResolveReferenceURL` and
/// `urlutil` tests (Go's `net/url` behaviour).
final class ChartURLTests: XCTestCase {
    func resolve(_ base: String, _ ref: String) -> String { ChartURL(base)!.resolvingReference(ref) }

    func testRelativeChartURLsResolveUnderTheRepositoryPath() {
        XCTAssertEqual(resolve("http://localhost:8123/charts/", "nginx-0.2.0.tgz"), "http://localhost:8123/charts/nginx-0.2.0.tgz")
        XCTAssertEqual(
            resolve("http://localhost:8123/charts-with-no-trailing-slash", "nginx-0.2.0.tgz"),
            "http://localhost:8123/charts-with-no-trailing-slash/nginx-0.2.0.tgz")
        XCTAssertEqual(resolve("http://localhost:8123", "nginx-0.2.0.tgz"), "http://localhost:8123/nginx-0.2.0.tgz")
    }

    func testAbsoluteChartURLsAreKept() {
        XCTAssertEqual(
            resolve("http://localhost:8123", "https://charts.helm.sh/stable/nginx-0.2.0.tgz"),
            "https://charts.helm.sh/stable/nginx-0.2.0.tgz")
    }

    func testTheRepositoryQueryStringIsKept() {
        XCTAssertEqual(
            resolve("http://localhost:8123/charts?with=queryparameter", "nginx-0.2.0.tgz"),
            "http://localhost:8123/charts/nginx-0.2.0.tgz?with=queryparameter")
    }

    func testEscapedSlashesStayEscaped() {
        XCTAssertEqual(
            resolve("http://localhost:8123/charts%2fwith%2fescaped%2fslash", "nginx-0.2.0.tgz"),
            "http://localhost:8123/charts%2fwith%2fescaped%2fslash/nginx-0.2.0.tgz")
    }

    func testDotSegmentsAreResolved() {
        XCTAssertEqual(resolve("http://h/a/b/", "../c.tgz"), "http://h/a/c.tgz")
        XCTAssertEqual(resolve("http://h/a/b/", "/root.tgz"), "http://h/root.tgz")
    }

    func testJoiningPathKeepsLeadingSlashReferencesUnderTheRepository() {
        XCTAssertEqual(ChartURL("http://h/repo")!.joiningPath("/x-1.0.0.tgz"), "http://h/repo/x-1.0.0.tgz")
        XCTAssertEqual(ChartURL("http://h/repo/")!.joiningPath("charts/x-1.0.0.tgz"), "http://h/repo/charts/x-1.0.0.tgz")
    }

    func testURLEqualityIgnoresATrailingSlash() {
        XCTAssertTrue(ChartURL.equal("http://example.com", "http://example.com/"))
        XCTAssertTrue(ChartURL.equal("https://example.com/charts/", "https://example.com/charts"))
        XCTAssertFalse(ChartURL.equal("https://example.com/charts", "https://example.com/other"))
    }

    func testRedactionHidesOnlyThePassword() {
        XCTAssertEqual(ChartURL("https://u:p@h/x")!.redacted, "https://u:xxxxx@h/x")
        XCTAssertEqual(ChartURL("https://u@h/x")!.redacted, "https://u@h/x")
    }
}
