import ArgumentParser
import Charts
import Foundation

/// `rudder package PATH... [-d DIR] [--version V] [--app-version V]`: Helm's
/// `helm package`. Each chart folder becomes `<name>-<version>.tgz`; unlike Helm's,
/// the archive is reproducible (entries stamped with `SOURCE_DATE_EPOCH`, or
/// 1980-01-01T00:00:00Z when unset), so packaging twice gives the same bytes.
struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package", abstract: "Package a chart directory into a chart archive.")

    @Argument(help: "Chart folders to package.")
    var paths: [String]

    @Option(name: [.short, .long], help: "Location to write the chart.")
    var destination = "."

    @Option(help: "Set the version on the chart to this semver version.")
    var version: String?

    @Option(help: "Set the appVersion on the chart to this version.")
    var appVersion: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("need at least one argument, the path to the chart") }
    }

    func run() throws {
        let time = try ChartSaver.modificationTime(environment: ProcessInfo.processInfo.environment)
        let packager = ChartPackager(
            destination: destination, version: version, appVersion: appVersion, modificationTime: time)
        for path in paths {
            let archive = try packager.package(path)
            print("Successfully packaged chart and saved it to: \(archive)")
        }
    }
}
