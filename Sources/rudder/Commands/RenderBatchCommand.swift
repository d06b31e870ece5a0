import ArgumentParser
import Charts
import Foundation
import Values

#if canImport(Glibc)
import Glibc
#endif

/// The Rudder side of `hack/bench render`: reads JSONL cases `{"id", "chart", "values"}`
/// and answers one line per case, `{"id", "seconds", "ok"}`, where `seconds` is the best of
/// `--repeat` in-process renders (load the chart, read the values file, render) — the same
/// work the Helm side times, so process start-up is measured by neither.
struct RenderBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-batch", abstract: "Time chart renders read as JSONL from stdin.")

    @Option(help: "Renders per case; the fastest is reported.")
    var `repeat` = 3

    func run() throws {
        let options = RenderOptions(release: ReleaseInfo(name: "rel", namespace: "ns"))
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty else { continue }
            let request = try JSON.decodeObject(line)
            let id = request["id"]?.stringValue ?? ""
            let chart = request["chart"]?.stringValue ?? ""
            let values = request["values"]?.stringValue ?? ""
            var best = Double.infinity
            var ok = true
            for _ in 0..<max(1, self.repeat) {
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    let loaded = try ChartLoader.load(path: chart)
                    let user = try ValuesFile.load(String(contentsOfFile: values, encoding: .utf8), name: values)
                    _ = try ChartRenderer(options: options).render(loaded, values: user)
                } catch {
                    ok = false
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let answer: Value = .map(["id": .string(id), "seconds": .float(best), "ok": .bool(ok)])
            print(try JSON.encode(answer))
            fflush(nil)
        }
    }
}
