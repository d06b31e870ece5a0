import ArgumentParser
import Charts

/// `rudder show chart|values|readme|crds|all CHART`: Helm's `helm show`, byte for byte.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show information about a chart, as `helm show` does.",
        subcommands: [All.self, ChartInfo.self, Values.self, Readme.self, CRDs.self])

    struct Target: ParsableArguments {
        @Argument(help: "A chart folder or packaged .tgz.")
        var chart: String

        func print(_ format: ChartShowFormat) throws {
            do {
                let loaded = try ChartLoader.load(path: chart)
                Swift.print(try ChartShow.show(loaded, format: format), terminator: "")
            } catch {
                throw helmStyleFailure(error)
            }
        }
    }

    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "all", abstract: "Show all information of the chart.")
        @OptionGroup var target: Target
        func run() throws { try target.print(.all) }
    }

    struct ChartInfo: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "chart", abstract: "Show the chart's definition.")
        @OptionGroup var target: Target
        func run() throws { try target.print(.chart) }
    }

    struct Values: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "values", abstract: "Show the chart's values.")
        @OptionGroup var target: Target
        func run() throws { try target.print(.values) }
    }

    struct Readme: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "readme", abstract: "Show the chart's README.")
        @OptionGroup var target: Target
        func run() throws { try target.print(.readme) }
    }

    struct CRDs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "crds", abstract: "Show the chart's CRDs.")
        @OptionGroup var target: Target
        func run() throws { try target.print(.crds) }
    }
}
