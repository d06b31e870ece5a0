import XCTest

@testable import Values

/// Runs every case of `coalesceOracleCases` (Helm's own results) through
/// `Coalesce.coalesceValues`.
final class CoalesceOracleTests: XCTestCase {
    private struct Case {
        var id: String
        var defaults: [String: Value]
        var user: [String: Value]
        var expect: [String: Value]
    }

    private struct FixtureError: Error {
        let line: String
    }

    private func cases() throws -> [Case] {
        try coalesceOracleCases.split(separator: "\n").map { line in
            var decoder = StrValsJSONDecoder(Array(line.unicodeScalars), at: 0)
            let object = try decoder.decode()
            guard case .map(let m, _) = object, case .string(let id)? = m["id"],
                case .map(let defaults, _)? = m["defaults"], case .map(let user, _)? = m["user"],
                case .map(let expect, _)? = m["expect"]
            else { throw FixtureError(line: String(line)) }
            return Case(id: id, defaults: defaults.dictionary, user: user.dictionary, expect: expect.dictionary)
        }
    }

    func testCoalescingMatchesHelmOnEveryRecordedCase() throws {
        let all = try cases()
        XCTAssertGreaterThan(all.count, 90)
        var failures: [String] = []
        for c in all where Coalesce.coalesceValues(chartDefaults: c.defaults, user: c.user) != c.expect {
            failures.append(c.id)
        }
        XCTAssertEqual(failures, [], "cases whose coalesced values differ from Helm's")
    }
}
