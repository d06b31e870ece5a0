import Foundation
import Values

/// The shared conformance folder (`../shared/conformance` beside the repository, or
/// `RUDDER_CONFORMANCE_DIR`).
enum ConformanceFolder {
    static var url: URL {
        if let dir = ProcessInfo.processInfo.environment["RUDDER_CONFORMANCE_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        // Tests/ChartsTests/ConformanceTable.swift → repository root → ../shared/conformance
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }
}

/// One case of `template-cases/cases.jsonl`.
struct TemplateCase {
    let id: String
    let category: String
    let json: String
    let expect: String?
    let expectError: String?

    static func loadAll() throws -> [TemplateCase] {
        let file = ConformanceFolder.url.appendingPathComponent("template-cases/cases.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let s = String(line)
            if s.allSatisfy(\.isWhitespace) { return nil }
            let obj = try JSON.decodeObject(s)
            let id = obj["id"]?.stringValue ?? ""
            return TemplateCase(
                id: id, category: String(id.split(separator: "/").first ?? ""), json: s,
                expect: obj["expect"]?.stringValue, expectError: obj["expectError"]?.stringValue)
        }
    }
}
