import XCTest

@testable import Values

final class TOMLConformanceTests: XCTestCase {
    func testSimpleTOMLCasesMatchHelm() throws {
        let outcome = try ConverterCases.runAll(prefix: "toml/")
        print("toml/ simple-shape cases: \(outcome.passed)/\(outcome.total) passed")
        for f in outcome.failures { print(f) }
        XCTAssertGreaterThan(outcome.total, 30)
        XCTAssertEqual(outcome.failures, [])
    }
}
