import ArgumentParser
import Foundation

/// Helm's way of failing a command: `Error: <message>` on stderr and exit status 1 (no
/// usage text, which swift-argument-parser would add for a `ValidationError`).
func helmStyleFailure(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
    return ExitCode(1)
}

func helmStyleFailure(_ error: any Error) -> ExitCode { helmStyleFailure("\(error)") }
