import ArgumentParser
import Charts
import Foundation

/// `rudder repo index DIR [--url URL] [--merge FILE]`: Helm's `helm repo index`. Reads
/// every chart archive in DIR (and one folder down), and writes DIR/index.yaml with
/// each chart's metadata, URL and SHA-256, newest versions first. With `--merge`,
/// versions listed in FILE that DIR does not hold are kept (a missing FILE is created
/// empty first, as Helm does).
struct RepoIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Generate an index file given a directory containing packaged charts.")

    @Argument(help: "The folder holding the chart archives.")
    var directory: String

    @Option(help: "The URL of the chart repository (absolute URLs in the index).")
    var url = ""

    @Option(help: "Merge the generated index into this index file.")
    var merge: String?

    func run() throws {
        let dir = URL(fileURLWithPath: directory).standardizedFileURL.path
        var index = try RepoIndex.indexDirectory(dir, baseURL: url)
        if let merge {
            let existing: RepoIndex
            if !FileManager.default.fileExists(atPath: merge) {
                existing = RepoIndex.new()
                try RepoIndexFile.write(existing, to: merge)
            } else {
                do { existing = try RepoIndexFile.load(merge) } catch { throw CommandFailure("merge failed: \(error)") }
            }
            index.merge(existing)
        }
        index.sortEntries()
        try RepoIndexFile.write(index, to: (dir as NSString).appendingPathComponent("index.yaml"))
    }
}

/// A failure the CLI reports as `Error: <message>` with exit status 1, as Helm does.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
