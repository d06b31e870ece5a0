import ArgumentParser
import Controller
import Foundation

/// `rudder gen-crds`: writes the CRDs generated from the API types (hack/gen-crds runs it;
/// a test fails when the checked-in file differs).
struct GenCRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen-crds", abstract: "Write the HelmRelease CRD generated from the API types.", shouldDisplay: false)

    @Option(help: "The repository root the CRD path is relative to.")
    var root = "."

    @Flag(help: "Fail instead of writing when the file on disk differs.")
    var check = false

    func run() throws {
        let url = URL(fileURLWithPath: root).appendingPathComponent(HelmReleaseCRD.path)
        let generated = HelmReleaseCRD.yaml
        if check {
            let current = try? String(contentsOf: url, encoding: .utf8)
            guard current == generated else {
                throw ValidationError("\(HelmReleaseCRD.path) is not what the API types generate: run hack/gen-crds")
            }
            return
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try generated.write(to: url, atomically: true, encoding: .utf8)
        print("wrote \(HelmReleaseCRD.path)")
    }
}
