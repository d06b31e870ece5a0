import KubeObjects

/// The `/version` answer. Every Go client reads it, and Helm reads it before every action and
/// turns `gitVersion` into `.Capabilities.KubeVersion`, so it must stay a valid semver; kubectl
/// 1.37 prints no version-skew warning against "v1.37.0".
public struct VersionInfo: Sendable, Equatable {
    public var major: String
    public var minor: String
    /// Since Kubernetes 1.32 the server also reports the version it emulates and the oldest
    /// it stays compatible with; clients ignore them, but a real 1.37 server sends them.
    public var emulationMajor: String
    public var emulationMinor: String
    public var minCompatibilityMajor: String
    public var minCompatibilityMinor: String
    public var gitVersion: String
    public var gitCommit: String
    public var gitTreeState: String
    public var buildDate: String
    public var goVersion: String
    public var compiler: String
    public var platform: String

    /// What the embedded server claims to be: the Kubernetes release the clients were captured against.
    public static let current = VersionInfo(
        major: "1", minor: "37", emulationMajor: "1", emulationMinor: "37", minCompatibilityMajor: "1",
        minCompatibilityMinor: "36", gitVersion: "v1.37.0", gitCommit: "0000000000000000000000000000000000000000",
        gitTreeState: "clean", buildDate: "2026-04-21T00:00:00Z", goVersion: "go1.25.0", compiler: "gc",
        platform: "linux/amd64")

    public init(
        major: String, minor: String, emulationMajor: String, emulationMinor: String, minCompatibilityMajor: String,
        minCompatibilityMinor: String, gitVersion: String, gitCommit: String, gitTreeState: String,
        buildDate: String, goVersion: String, compiler: String, platform: String
    ) {
        self.major = major
        self.minor = minor
        self.emulationMajor = emulationMajor
        self.emulationMinor = emulationMinor
        self.minCompatibilityMajor = minCompatibilityMajor
        self.minCompatibilityMinor = minCompatibilityMinor
        self.gitVersion = gitVersion
        self.gitCommit = gitCommit
        self.gitTreeState = gitTreeState
        self.buildDate = buildDate
        self.goVersion = goVersion
        self.compiler = compiler
        self.platform = platform
    }

    /// The body of `GET /version` (`version.Info`).
    public var json: JSONValue {
        [
            "major": .string(major), "minor": .string(minor),
            "emulationMajor": .string(emulationMajor), "emulationMinor": .string(emulationMinor),
            "minCompatibilityMajor": .string(minCompatibilityMajor),
            "minCompatibilityMinor": .string(minCompatibilityMinor),
            "gitVersion": .string(gitVersion), "gitCommit": .string(gitCommit),
            "gitTreeState": .string(gitTreeState), "buildDate": .string(buildDate),
            "goVersion": .string(goVersion), "compiler": .string(compiler), "platform": .string(platform),
        ]
    }
}
