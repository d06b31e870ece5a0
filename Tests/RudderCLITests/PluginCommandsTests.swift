import Foundation
import XCTest

/// A scratch plugin home, plugin sources and the built `rudder`, shared by the plugin tests.
struct PluginTestBed: Sendable {
    var rudder: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("rudder").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("rudder")
    }

    struct Run: Sendable {
        var stdout: String
        var stderr: String
        var status: Int32
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A scratch folder: `plugins` (the plugin home), `src` (plugin sources), `hooks.log`.
    let root: URL
    var home: URL { root.appendingPathComponent("plugins") }
    var hookLog: URL { root.appendingPathComponent("hooks.log") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("src"), withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func run(_ args: [String], environment extra: [String: String] = [:], input: String? = nil) throws -> Run {
        let p = Process()
        p.executableURL = rudder
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["RUDDER_PLUGINS"] = home.path
        env["HOOK_LOG"] = hookLog.path
        env["KUBECONFIG"] = root.appendingPathComponent("no-kubeconfig").path
        for (k, v) in extra { env[k] = v }
        p.environment = env
        p.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let stdin = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try p.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self), status: p.terminationStatus)
    }

    /// A plugin printing its directory, name, namespace, context and arguments, one a line;
    /// its hooks append to `$HOOK_LOG`.
    @discardableResult
    func makePlugin(
        name: String = "echo", version: String = "0.1.0", ignoreFlags: Bool = false, folder: String? = nil,
        extraYAML: String = ""
    ) throws -> URL {
        let dir = root.appendingPathComponent("src").appendingPathComponent(folder ?? name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        name: \(name)
        version: "\(version)"
        usage: "print what the plugin gets"
        description: "Prints its environment and arguments"
        ignoreFlags: \(ignoreFlags)
        useTunnel: true
        command: "$RUDDER_PLUGIN_DIR/run.sh"
        hooks:
          install: 'echo "install $RUDDER_PLUGIN_NAME $RUDDER_PLUGIN_DIR" >> "$HOOK_LOG"'
          update: 'echo "update $RUDDER_PLUGIN_NAME" >> "$HOOK_LOG"'
          delete: 'if [ -f "$RUDDER_PLUGIN_DIR/run.sh" ]; then s=present; else s=gone; fi; echo "delete $RUDDER_PLUGIN_NAME $s" >> "$HOOK_LOG"'
        \(extraYAML)
        """.write(to: dir.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("run.sh")
        try """
        #!/bin/sh
        echo "dir=$RUDDER_PLUGIN_DIR"
        echo "helm-dir=$HELM_PLUGIN_DIR"
        echo "name=$RUDDER_PLUGIN_NAME"
        echo "namespace=$RUDDER_NAMESPACE"
        echo "context=$RUDDER_KUBECONTEXT"
        echo "debug=$RUDDER_DEBUG"
        for a in "$@"; do echo "arg=$a"; done
        exit 0
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return dir
    }

    /// `tar -czf` of the folder `dir` (the archive holds `NAME/plugin.yaml`, as release
    /// archives do).
    func makeArchive(of dir: URL, at archive: URL) throws {
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-czf", archive.path, "-C", dir.deletingLastPathComponent().path, dir.lastPathComponent]
        try tar.run()
        tar.waitUntilExit()
        struct TarFailed: Error {}
        if tar.terminationStatus != 0 { throw TarFailed() }
    }

    func hookLines() -> [String] {
        ((try? String(contentsOf: hookLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

/// `rudder plugin …` and running plugins, driving the built binary with `$RUDDER_PLUGINS`
/// pointing at a fresh folder.
final class PluginCommandsTests: XCTestCase {
    typealias Run = PluginTestBed.Run
    var bed: PluginTestBed!
    var root: URL { bed.root }
    var home: URL { bed.home }
    var hookLog: URL { bed.hookLog }
    var rudder: URL { bed.rudder }

    override func setUpWithError() throws {
        bed = try PluginTestBed()
        addTeardownBlock { [bed] in bed?.remove() }
    }

    @discardableResult
    func run(_ args: [String], environment: [String: String] = [:], input: String? = nil) throws -> Run {
        try bed.run(args, environment: environment, input: input)
    }

    @discardableResult
    func makePlugin(
        name: String = "echo", version: String = "0.1.0", ignoreFlags: Bool = false, folder: String? = nil,
        extraYAML: String = ""
    ) throws -> URL {
        try bed.makePlugin(name: name, version: version, ignoreFlags: ignoreFlags, folder: folder, extraYAML: extraYAML)
    }

    func makeArchive(of dir: URL, at archive: URL) throws { try bed.makeArchive(of: dir, at: archive) }
    func hookLines() -> [String] { bed.hookLines() }

    // MARK: install and list

    func testInstallFromADirectoryLinksItAndRunsTheInstallHook() throws {
        let source = try makePlugin()
        let r = try run(["plugin", "install", source.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Installed plugin: echo\n")
        let link = home.appendingPathComponent("echo").path
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), source.path)
        XCTAssertEqual(hookLines(), ["install echo \(link)"])
    }

    func testListPrintsHelmsTable() throws {
        try run(["plugin", "install", try makePlugin().path])
        try run(["plugin", "install", try makePlugin(name: "another-one", version: "1.2.3").path])
        let r = try run(["plugin", "list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            r.stdout,
            """
            NAME       \tVERSION\tDESCRIPTION                         
            another-one\t1.2.3  \tPrints its environment and arguments
            echo       \t0.1.0  \tPrints its environment and arguments

            """)
    }

    func testInstallFromAnArchiveCopiesItAndRuns() throws {
        let archive = root.appendingPathComponent("echo-0.1.0.tgz")
        try makeArchive(of: try makePlugin(), at: archive)
        let r = try run(["plugin", "install", archive.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Installed plugin: echo\n")
        let installed = home.appendingPathComponent("echo").path
        XCTAssertNil(try? FileManager.default.destinationOfSymbolicLink(atPath: installed), "an archive is copied")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: installed + "/run.sh"))
        let ran = try run(["echo", "x"])
        XCTAssertEqual(ran.status, 0, ran.stderr)
        XCTAssertTrue(ran.lines.contains("dir=\(installed)"), ran.stdout)
        XCTAssertTrue(ran.lines.contains("arg=x"), ran.stdout)
    }

    func testInstallWithAnotherVersionIsRefused() throws {
        let r = try run(["plugin", "install", try makePlugin().path, "--version", "9.9.9"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: plugin \"echo\" is version 0.1.0, not the requested 9.9.9\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("echo").path))
    }

    func testInstallingTwiceIsRefused() throws {
        let source = try makePlugin()
        try run(["plugin", "install", source.path])
        let r = try run(["plugin", "install", source.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("Error: plugin \"echo\" already exists"), r.stderr)
    }

    func testNameClashingWithABuiltInCommandIsRefused() throws {
        let r = try run(["plugin", "install", try makePlugin(name: "version").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("conflicts with the built-in command \"version\""), r.stderr)
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: home.path)) ?? [], [])
        XCTAssertEqual(hookLines(), [])
    }

    func testGitRepositoryIsRefusedWithAClearError() throws {
        let r = try run(["plugin", "install", "https://github.com/databus23/helm-diff.git"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("installing from a VCS repository needs git"), r.stderr)
    }

    func testAFileThatIsNoArchiveIsRefused() throws {
        let file = root.appendingPathComponent("plugin.zip")
        try "not gzip".write(to: file, atomically: true, encoding: .utf8)
        let r = try run(["plugin", "install", file.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is not a gzip-compressed tar archive"), r.stderr)
    }

    func testMalformedPluginYAMLIsReportedWhileOthersAreListed() throws {
        try run(["plugin", "install", try makePlugin().path])
        let broken = home.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try "name: [unclosed\nversion: 1\n".write(to: broken.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["plugin", "list"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.lines.contains { $0.hasPrefix("echo\t0.1.0") }, r.stdout)
        XCTAssertTrue(r.stderr.hasPrefix("Error: failed to load plugin \(broken.path)/plugin.yaml: yaml: line "), r.stderr)
        // The good plugin still runs; the broken one says why it cannot.
        XCTAssertEqual(try run(["echo"]).status, 0)
        let broke = try run(["broken"])
        XCTAssertEqual(broke.status, 1)
        XCTAssertTrue(broke.stderr.contains("\(broken.path)/plugin.yaml"), broke.stderr)
    }

    func testDefaultPluginHomeIsUnderXDGDataHome() throws {
        let data = root.appendingPathComponent("xdg")
        let p = Process()
        p.executableURL = rudder
        p.arguments = ["plugin", "install", try makePlugin().path]
        var env = ProcessInfo.processInfo.environment
        env["RUDDER_PLUGINS"] = nil
        env["XDG_DATA_HOME"] = data.path
        env["HOOK_LOG"] = hookLog.path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: data.path + "/rudder/plugins/echo/plugin.yaml"))
    }

    // MARK: running

    func testRunPassesArgumentsAndEnvironment() throws {
        try run(["plugin", "install", try makePlugin().path])
        let r = try run(["echo", "a", "b c", "$HOME"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let dir = home.appendingPathComponent("echo").path
        XCTAssertEqual(
            r.lines,
            [
                "dir=\(dir)", "helm-dir=\(dir)", "name=echo", "namespace=default", "context=", "debug=false",
                "arg=a", "arg=b c", "arg=$HOME", "",
            ])
    }

    func testPluginExitStatusIsRudders() throws {
        try run(["plugin", "install", try makePlugin(name: "fail", extraYAML: "platformCommand: []").path])
        let script = root.appendingPathComponent("src/fail/run.sh").path
        try "#!/bin/sh\necho failing >&2\nexit 7\n".write(toFile: script, atomically: false, encoding: .utf8)
        let r = try run(["fail"])
        XCTAssertEqual(r.status, 7)
        XCTAssertEqual(r.stderr, "failing\n")
    }

    func testPluginReadsRuddersStdin() throws {
        try run(["plugin", "install", try makePlugin(name: "upper", extraYAML: "platformCommand: [{os: linux, command: tr, args: [a-z, A-Z]}]").path])
        let r = try run(["upper"], input: "hello\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "HELLO\n")
    }

    func testIgnoreFlagsFalsePassesGlobalFlagsThrough() throws {
        try run(["plugin", "install", try makePlugin().path])
        let r = try run(["-n", "team", "--debug", "echo", "a", "--kube-context", "prod"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            Array(r.lines.dropFirst(3)),
            [
                "namespace=team", "context=prod", "debug=true",
                "arg=a", "arg=--kube-context", "arg=prod", "arg=-n", "arg=team", "arg=--debug", "",
            ])
    }

    func testIgnoreFlagsTrueStripsGlobalFlags() throws {
        try run(["plugin", "install", try makePlugin(ignoreFlags: true).path])
        let r = try run(["--namespace=team", "echo", "a", "--kube-context", "prod", "--debug", "b", "--", "-n", "x"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            Array(r.lines.dropFirst(3)),
            ["namespace=team", "context=prod", "debug=true", "arg=a", "arg=b", "arg=--", "arg=-n", "arg=x", ""])
    }

    func testPlatformCommandForThisOSIsChosen() throws {
        let yaml = """
            platformCommand:
              - os: plan9
                command: "echo plan9"
              - os: linux
                command: "echo"
                args: ["linux", "$RUDDER_PLUGIN_NAME"]
            """
        try run(["plugin", "install", try makePlugin(name: "plat", extraYAML: yaml).path])
        let r = try run(["plat", "x"])
        XCTAssertEqual(r.stdout, "linux plat x\n")
    }

    func testAPluginWithoutCommandFailsClearly() throws {
        let dir = root.appendingPathComponent("src/nocmd")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "name: nocmd\nversion: 1.0.0\n".write(to: dir.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["plugin", "install", dir.path]).status, 0)
        let r = try run(["nocmd"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("plugin \"nocmd\": no plugin command is applicable"), r.stderr)
    }

    func testHelpListsInstalledPlugins() throws {
        try run(["plugin", "install", try makePlugin().path])
        let r = try run(["--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("SUBCOMMANDS:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("PLUGINS:\n  echo                    print what the plugin gets\n"), r.stdout)
    }

    func testHelpOfAPluginShowsItsDescription() throws {
        try run(["plugin", "install", try makePlugin().path])
        let r = try run(["help", "echo"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("Prints its environment and arguments\n\nUsage:\n  rudder echo [flags]\n"), r.stdout)
    }

    func testAFailingInstallHookLeavesNothingInstalled() throws {
        let source = try makePlugin(name: "badhook", extraYAML: "")
        let yaml = source.appendingPathComponent("plugin.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(of: "install: 'echo", with: "install: 'exit 3; echo")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let r = try run(["plugin", "install", source.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: plugin install hook for \"badhook\" exited with error (status 3)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("badhook").path))
    }

    // MARK: update and uninstall

    func testUninstallRunsTheDeleteHookThenRemovesOnlyTheLink() throws {
        let source = try makePlugin()
        try run(["plugin", "install", source.path])
        let r = try run(["plugin", "uninstall", "echo"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Uninstalled plugin: echo\n")
        XCTAssertEqual(hookLines().last, "delete echo present", "the hook runs while the plugin's files are there")
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("echo").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: source.appendingPathComponent("plugin.yaml").path))
        XCTAssertEqual(try run(["plugin", "list"]).stdout, "NAME\tVERSION\tDESCRIPTION\n")
        XCTAssertNotEqual(try run(["echo"]).status, 0)
    }

    func testRemoveOfAMissingPluginFailsLikeHelm() throws {
        let r = try run(["plugin", "remove", "nothere"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: Plugin: nothere not found\n")
    }

    func testUpdateReinstallsFromTheArchive() throws {
        let archive = root.appendingPathComponent("echo.tgz")
        try makeArchive(of: try makePlugin(), at: archive)
        try run(["plugin", "install", archive.path])
        try FileManager.default.removeItem(at: root.appendingPathComponent("src/echo"))
        try makeArchive(of: try makePlugin(version: "0.2.0"), at: archive)
        let r = try run(["plugin", "update", "echo"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Updated plugin: echo\n")
        XCTAssertTrue(try run(["plugin", "list"]).stdout.contains("echo\t0.2.0"))
        XCTAssertEqual(hookLines().last, "update echo")
    }

    func testUpdateOfALinkedPluginRunsOnlyItsHook() throws {
        try run(["plugin", "install", try makePlugin().path])
        let r = try run(["plugin", "update", "echo"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(hookLines().last, "update echo")
    }
}
