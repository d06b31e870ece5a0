import EmbeddedAPIServer
import XCTest

/// One row of an evaluator table: an expression and either the value it must produce
/// or a fragment of the error it must fail with.
struct CELCase {
    enum Expected {
        case value(CELValue)
        case error(String)
    }

    var expression: String
    var expected: Expected
    var line: UInt

    init(_ expression: String, _ value: CELValue, line: UInt = #line) {
        self.expression = expression
        expected = .value(value)
        self.line = line
    }

    init(_ expression: String, error: String, line: UInt = #line) {
        self.expression = expression
        expected = .error(error)
        self.line = line
    }
}

/// Runs a table with `self` bound to `selfValue` (and `oldSelf` when given).
func assertCEL(_ cases: [CELCase], self selfValue: CELValue = .null, oldSelf: CELValue? = nil, file: StaticString = #filePath) {
    var vars: [String: CELValue] = ["self": selfValue]
    if let oldSelf { vars["oldSelf"] = oldSelf }
    for c in cases {
        let outcome: Result<CELValue, any Error>
        do {
            outcome = .success(try CELEvaluator.evaluate(c.expression, vars))
        } catch {
            outcome = .failure(error)
        }
        switch (c.expected, outcome) {
        case (.value(let want), .success(let got)):
            XCTAssertEqual(got, want, c.expression, file: file, line: c.line)
        case (.value(let want), .failure(let error)):
            XCTFail("\(c.expression): wanted \(want), failed with \(error)", file: file, line: c.line)
        case (.error(let fragment), .success(let got)):
            XCTFail("\(c.expression): wanted an error containing \(fragment), got \(got)", file: file, line: c.line)
        case (.error(let fragment), .failure(let error)):
            XCTAssertTrue("\(error)".contains(fragment), "\(c.expression): \(error) lacks \(fragment)", file: file, line: c.line)
        }
    }
}
