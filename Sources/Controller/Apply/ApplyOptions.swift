/// How an apply goes.
public struct ApplyOptions: Sendable, Equatable {
    /// The field manager owning what is applied (`managedFields`).
    public var fieldManager: String
    /// Take over fields other managers own instead of failing with a conflict. Helm 4
    /// applies without forcing unless `--force-conflicts` is given (HIP-0023), so this is
    /// off by default; a controller correcting drift made by `kubectl edit` or `helm
    /// upgrade` passes true.
    public var forceConflicts: Bool
    /// Take over objects that exist without this release's ownership metadata (Helm's
    /// `--take-ownership`) instead of refusing them.
    public var adopt: Bool
    /// Create the release namespace first when it is absent (`--create-namespace`).
    public var createNamespace: Bool
    /// What happens to the chart's `crds/` folder.
    public var crds: CRDPolicy
    /// How long a CustomResourceDefinition may take to be Established before objects of its
    /// kinds are applied.
    public var establishTimeout: Duration
    /// How often a pending CustomResourceDefinition is read while waiting.
    public var establishPollInterval: Duration
    /// Objects the previous revision already owned: Helm checks ownership only of objects
    /// new to the release, so these are applied without a read first.
    public var previouslyOwned: Set<ObjectIdentity>

    public init(
        fieldManager: String = "rudder", forceConflicts: Bool = false, adopt: Bool = false, createNamespace: Bool = false,
        crds: CRDPolicy = .create, establishTimeout: Duration = .seconds(60), establishPollInterval: Duration = .milliseconds(200),
        previouslyOwned: Set<ObjectIdentity> = []
    ) {
        self.fieldManager = fieldManager
        self.forceConflicts = forceConflicts
        self.adopt = adopt
        self.createNamespace = createNamespace
        self.crds = crds
        self.establishTimeout = establishTimeout
        self.establishPollInterval = establishPollInterval
        self.previouslyOwned = previouslyOwned
    }
}
