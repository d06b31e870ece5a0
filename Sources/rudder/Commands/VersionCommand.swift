import ArgumentParser
import CCurl
import CZlib
import Values

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print Rudder's version and the versions of what it is built on.")

    @Flag(name: .shortAndLong, help: "Print only the version number.")
    var short = false

    func run() {
        if short {
            print(RudderVersion.string)
            return
        }
        let curl = String(cString: curl_version())
        let zlib = String(cString: zlibVersion())
        print("rudder \(RudderVersion.string)")
        print("renders as: Helm \(RudderVersion.helmCompatibility)")
        print("libcurl: \(curl)")
        print("zlib: \(zlib)")
    }
}
