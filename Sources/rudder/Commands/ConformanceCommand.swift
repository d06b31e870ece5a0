import ArgumentParser
import Charts
import Values

#if canImport(Glibc)
import Glibc
#endif

/// Renderers for the shared conformance harnesses; hidden from `--help` because only the
/// harness scripts call them.
struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance", abstract: "Renderers for the conformance harnesses.", shouldDisplay: false,
        subcommands: [TemplateCasesCommand.self, RenderBatchCommand.self])
}

/// The renderer contract of `../shared/conformance/template-cases/README.md`: one JSON
/// case in, one `{"output": …}` or `{"error": …}` out; with `--batch`, JSONL both ways,
/// in order, flushed per line.
struct TemplateCasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template-cases", abstract: "Render template conformance cases read from stdin.")

    @Flag(help: "Read one case per line until end of input, answer one line per case.")
    var batch = false

    func run() throws {
        if batch {
            while let line = readLine(strippingNewline: true) {
                if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                print(TemplateCaseRenderer.answer(line))
                fflush(nil)  // every stream: answers must leave per case
            }
        } else {
            var text = ""
            while let line = readLine(strippingNewline: false) { text += line }
            print(TemplateCaseRenderer.answer(text))
        }
    }
}
