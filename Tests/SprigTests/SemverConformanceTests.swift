import Foundation
import GoTemplate
import Values
import XCTest

@testable import Sprig

/// Runs the shared conformance cases that use `semver`/`semverCompare` (category
/// `semver/`, and the `capabilities/` ones comparing the Kubernetes version) through a
/// tiny test-side interpreter of their few shapes, since the template engine lives
/// elsewhere:
///
///     {{ semverCompare "C" "V" }}          {{ semverCompare "C" .Capabilities.KubeVersion.GitVersion }}
///     {{ semver "V" }}                     {{ (semver "V").Method }}
///     {{ (semver "V").Method (semver "W") }}   {{ printf "%T" (semver "V").Method }}
final class SemverConformanceTests: XCTestCase {
    /// `$RUDDER_CONFORMANCE_DIR`, or `../shared/conformance` beside the repository.
    static var casesPath: String {
        if let dir = ProcessInfo.processInfo.environment["RUDDER_CONFORMANCE_DIR"] {
            return dir + "/template-cases/cases.jsonl"
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/conformance/template-cases/cases.jsonl").path
    }

    private struct Case: Decodable {
        var id: String
        var template: String
        var expect: String?
        var expectError: String?
    }

    /// Helm's offline default `.Capabilities.KubeVersion` (`GitVersion` and `Version`).
    static let kubeVersion = "v1.36.0"

    func testSharedSemverCasesMatchHelm() throws {
        let text = try String(contentsOfFile: Self.casesPath, encoding: .utf8)
        var total = 0, passed = 0, otherShapes = 0
        var failures: [String] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            let relevant = c.id.hasPrefix("semver/") || (c.id.hasPrefix("capabilities/") && c.template.contains("semver"))
            guard relevant else { continue }
            guard let result = Self.render(c.template) else {
                otherShapes += 1
                continue
            }
            total += 1
            let ok: Bool
            switch result {
            case .success(let out): ok = out == c.expect
            case .failure(let err): ok = c.expectError.map { err.description.contains($0) } ?? false
            }
            if ok { passed += 1 } else {
                failures.append("\(c.id): \(c.template) want \(c.expect ?? c.expectError ?? "?") got \(result)")
            }
        }
        print("semver conformance: \(passed)/\(total) passed, \(otherShapes) of other shapes")
        XCTAssertEqual(failures, [])
        XCTAssertGreaterThanOrEqual(total, 290)
    }

    // MARK: - The interpreter

    private struct RenderError: Error, CustomStringConvertible {
        var description: String
    }

    private static let functions = SemverFunctions.all()

    /// Renders one of the shapes above; nil for any other template.
    private static func render(_ template: String) -> Result<String, RenderError>? {
        guard template.hasPrefix("{{ "), template.hasSuffix(" }}") else { return nil }
        var tokens = Substring(template.dropFirst(3).dropLast(3))
        guard let pipeline = parse(&tokens), tokens.isEmpty else { return nil }
        do {
            return .success(GoFmt.sprint([try pipeline()]))
        } catch {
            return .failure(RenderError(description: "\(error)"))
        }
    }

    /// `semverCompare ARG ARG`, `semver ARG`, `printf "%T" EXPR` or `(semver ARG).M [EXPR]`.
    private static func parse(_ s: inout Substring) -> (() throws -> Value)? {
        if s.hasPrefix("semverCompare ") {
            s = s.dropFirst("semverCompare ".count)
            guard let a = argument(&s), s.first == " " else { return nil }
            s = s.dropFirst()
            guard let b = argument(&s) else { return nil }
            return { try call("semverCompare", [a, b]) }
        }
        if s.hasPrefix("semver ") {
            s = s.dropFirst("semver ".count)
            guard let a = argument(&s) else { return nil }
            return { try call("semver", [a]) }
        }
        if s.hasPrefix("printf \"%T\" ") {
            s = s.dropFirst("printf \"%T\" ".count)
            guard let inner = parse(&s) else { return nil }
            return { .string(try inner().typeName) }
        }
        if s.hasPrefix("(semver ") {
            s = s.dropFirst("(semver ".count)
            guard let a = argument(&s), s.hasPrefix(").") else { return nil }
            s = s.dropFirst(2)
            let end = s.firstIndex(of: " ") ?? s.endIndex
            let name = String(s[..<end])
            s = s[end...]
            var methodArgs: [Value] = []
            if s.hasPrefix(" ") {
                s = s.dropFirst()
                guard let arg = argument(&s) else { return nil }
                methodArgs.append(arg)
            }
            return {
                guard case .object(let o) = try call("semver", [a]), let m = o.method(name) else {
                    throw RenderError(description: "can't evaluate field \(name)")
                }
                do { return try m.body(methodArgs) } catch let e as GoFunctionError {
                    throw RenderError(description: "error calling \(name): \(e)")
                }
            }
        }
        return nil
    }

    /// A string literal without escapes, or a `.Capabilities.KubeVersion` field.
    private static func argument(_ s: inout Substring) -> Value? {
        for field in [".Capabilities.KubeVersion.GitVersion", ".Capabilities.KubeVersion.Version"] where s.hasPrefix(field) {
            s = s.dropFirst(field.count)
            return .string(kubeVersion)
        }
        if s.hasPrefix("("), s.hasSuffix(")") {
            // A parenthesised sub-pipeline such as `(semver "1.2.4")`.
            var inner = s.dropFirst()
            guard let p = parse(&inner), inner == ")", let v = try? p() else { return nil }
            s = s[s.endIndex...]
            return v
        }
        guard s.first == "\"", let close = s.dropFirst().firstIndex(of: "\"") else { return nil }
        let literal = s[s.index(after: s.startIndex)..<close]
        guard !literal.contains("\\") else { return nil }
        s = s[s.index(after: close)...]
        return .string(String(literal))
    }

    private static func call(_ name: String, _ args: [Value]) throws -> Value {
        guard let f = functions[name] else { throw RenderError(description: "no function \(name)") }
        do { return try f.body(args) } catch {
            throw RenderError(description: "error calling \(name): \(error)")
        }
    }
}
