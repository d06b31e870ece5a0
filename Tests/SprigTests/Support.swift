import Sprig
import Values
import XCTest

/// Calls a Sprig function body directly, as the executor would after checking types.
func call(_ name: String, _ args: Value..., file: StaticString = #filePath, line: UInt = #line) throws -> Value {
    guard let f = Sprig.functions()[name] else {
        XCTFail("no function \(name)", file: file, line: line)
        return .null
    }
    return try f.body(args)
}

/// The string result of a call ("" when it is not a string).
func text(_ name: String, _ args: Value...) throws -> String {
    guard let f = Sprig.functions()[name] else { return "<missing \(name)>" }
    return try f.body(args).stringValue ?? "<not a string>"
}

/// The message of the error a call throws.
func failure(_ name: String, _ args: Value...) -> String {
    guard let f = Sprig.functions()[name] else { return "<missing \(name)>" }
    do {
        _ = try f.body(args)
        return "<no error>"
    } catch let e as GoFunctionError {
        return e.message
    } catch {
        return "\(error)"
    }
}

func int64s(_ v: [Int64]) -> Value { .list(v.map { .int($0, type: .int64) }) }
