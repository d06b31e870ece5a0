import XCTest

@testable import rudder

/// How a command line splits into Rudder's global flags and a plugin's arguments, and
/// which `platformCommand` applies.
final class PluginInvocationTests: XCTestCase {
    func testGlobalFlagsBeforeTheNameInEveryForm() throws {
        let i = try XCTUnwrap(
            PluginInvocation.parse(["--kubeconfig", "/k", "--kube-context=c", "-nteam", "--debug", "diff", "x"]))
        XCTAssertEqual(i.name, "diff")
        XCTAssertEqual(i.flags, PluginGlobalFlags(kubeconfig: "/k", kubeContext: "c", namespace: "team", debug: true))
        XCTAssertEqual(i.commandArguments(ignoreFlags: false), ["x", "--kubeconfig", "/k", "--kube-context=c", "-nteam", "--debug"])
        XCTAssertEqual(i.commandArguments(ignoreFlags: true), ["x"])
    }

    func testAJoinedShortFlagAfterTheNameIsThePluginsOwn() throws {
        let i = try XCTUnwrap(PluginInvocation.parse(["diff", "-no-color", "-n", "ns"]))
        XCTAssertEqual(i.flags.namespace, "ns")
        XCTAssertEqual(i.commandArguments(ignoreFlags: true), ["-no-color"])
    }

    func testNothingAfterADoubleDashIsRuddersFlag() throws {
        let i = try XCTUnwrap(PluginInvocation.parse(["p", "--", "-n", "x"]))
        XCTAssertNil(i.flags.namespace)
        XCTAssertEqual(i.commandArguments(ignoreFlags: true), ["--", "-n", "x"])
    }

    func testAFlagFirstIsForTheArgumentParser() {
        XCTAssertNil(PluginInvocation.parse(["--help"]))
        XCTAssertNil(PluginInvocation.parse(["-n", "ns", "--version"]))
    }

    func testExactPlatformWinsThenOSThenAny() {
        let any = PluginPlatformCommand(os: "", command: "any")
        let linux = PluginPlatformCommand(os: "linux", command: "linux")
        let arm = PluginPlatformCommand(os: "linux", arch: "arm64", command: "arm")
        let onlyArch = PluginPlatformCommand(os: "", arch: "amd64", command: "arch")
        XCTAssertEqual(PluginPlatformCommand.select([any, linux, arm], os: "linux", arch: "arm64")?.command, "arm")
        XCTAssertEqual(PluginPlatformCommand.select([any, arm, linux], os: "linux", arch: "amd64")?.command, "linux")
        XCTAssertEqual(PluginPlatformCommand.select([onlyArch, any], os: "darwin", arch: "amd64")?.command, "any")
        XCTAssertNil(PluginPlatformCommand.select([arm], os: "darwin", arch: "arm64"))
    }

    func testPlatformArgsAreOneWordEachBeforeTheUsersArguments() throws {
        var metadata = PluginMetadata(name: "p")
        metadata.platformCommands = [PluginPlatformCommand(os: "linux", command: "$D/bin", args: ["a b", "q\"uote"])]
        let command = try PluginShellCommand.make(for: metadata, arguments: ["x"], os: "linux", arch: "amd64")
        XCTAssertEqual(command.argv, ["/bin/sh", "-c", "$D/bin \"a b\" \"q\\\"uote\" \"$@\"", "p", "x"])
    }

    func testUseTunnelAndUnknownFieldsAreReadPast() throws {
        let m = try PluginMetadata.parse("name: tunnel\nuseTunnel: true\nfuture: 1\ncommand: x\n", path: "p.yaml")
        XCTAssertEqual(m.name, "tunnel")
        XCTAssertEqual(m.command, "x")
    }

    func testAnInvalidNameIsMalformed() {
        XCTAssertThrowsError(try PluginMetadata.parse("name: ../escape\n", path: "/p/plugin.yaml")) { error in
            XCTAssertEqual(
                "\(error)", "failed to load plugin /p/plugin.yaml: invalid plugin name \"../escape\": use only letters, digits, \"_\" and \"-\"")
        }
    }
}
