import KubeObjects

/// The OpenAPI schema of `HelmRelease`, property for property with the Swift types in
/// API/ (a test encodes fully populated values and checks every key is declared here, and
/// every property here is reachable from the types).
public enum HelmReleaseSchema {
    typealias S = OpenAPISchema
    typealias A = OpenAPISchema.Attributes

    static let durationPattern = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$"
    static let dnsLabel = A(maxLength: 63)
    static func name(_ description: String) -> S {
        .string(A(description, pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", minLength: 1, maxLength: 253))
    }
    static func enumeration<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ description: String, default value: E? = nil) -> S
    where E.RawValue == String {
        .string(A(description, enumeration: E.allCases.map(\.rawValue), defaultValue: value.map { .string($0.rawValue) }))
    }

    public static var root: OpenAPISchema {
        .object(
            properties: [
                ("apiVersion", .string(A("APIVersion defines the versioned schema of this representation of an object."))),
                ("kind", .string(A("Kind is a string value representing the REST resource this object represents."))),
                ("metadata", .object(properties: [])),
                ("spec", spec),
                ("status", status),
            ],
            required: ["spec"],
            A("A Helm release reconciled by Rudder: the chart, its values and how to roll it out."))
    }

    static var spec: S {
        .object(
            properties: [
                ("chart", chart),
                ("releaseName", .string(A("The Helm release name; metadata.name when unset.", minLength: 1, maxLength: 53))),
                ("targetNamespace", .string(A("Where the chart's objects go; metadata.namespace when unset.", minLength: 1, maxLength: 63))),
                ("storageNamespace", .string(A("Where the release history lives; targetNamespace when unset.", minLength: 1, maxLength: 63))),
                ("values", .freeform(A("Values given inline, merged over the chart's defaults after valuesFrom."))),
                ("valuesFrom", .array(of: valuesReference, A("Values from ConfigMaps and Secrets in this namespace, merged in order."))),
                ("rollback", .object(
                    properties: [("toRevision", .integer(A("The revision whose chart and values are the desired state.", minimum: 1)))],
                    required: ["toRevision"],
                    A("While set, revision toRevision is the desired state (a GitOps rollback); unset it to return to spec.chart."))),
                ("install", install),
                ("upgrade", upgrade),
                ("uninstall", uninstall),
                ("test", .object(
                    properties: [
                        ("enable", .boolean(A("Runs the chart's test hooks after each install and upgrade."))),
                        ("ignoreFailures", .boolean(A("A failed test is reported but leaves the release Ready and is not remediated."))),
                    ],
                    A("Helm tests."))),
                ("interval", .string(A(
                    "How often the release is reconciled and checked for drift without a change (Go duration).",
                    pattern: durationPattern, defaultValue: .string(HelmReleaseSpec.defaultInterval)))),
                ("timeout", .string(A(
                    "How long to wait for readiness and for each hook (Go duration).", pattern: durationPattern,
                    defaultValue: .string(HelmReleaseSpec.defaultTimeout)))),
                ("wait", .boolean(A("Waits for the release's objects to be ready before a revision counts as deployed.", defaultValue: true))),
                ("suspend", .boolean(A("Stops reconciling this release until unset.", defaultValue: false))),
                ("maxHistory", .integer(A(
                    "Revisions kept in history; 0 keeps all.", minimum: 0, defaultValue: .int(Int64(HelmReleaseSpec.defaultMaxHistory))))),
                ("dependsOn", .array(of: .object(
                    properties: [
                        ("name", name("The HelmRelease's name.")),
                        ("namespace", .string(A("Its namespace; this HelmRelease's when unset.", maxLength: 63))),
                    ],
                    required: ["name"]), A("HelmReleases that must be Ready before this one is reconciled."))),
                ("driftDetection", driftDetection),
                ("serviceAccountName", .string(A(
                    "A ServiceAccount of this namespace impersonated for every read and write of the release's objects.", maxLength: 253))),
                ("storage", enumeration(ReleaseStorageKind.self, "Where history is kept: Secret (Helm 3's default) or ConfigMap.", default: .secret)),
                ("postRenderers", .array(of: postRenderer, A(
                    "Transformations of the rendered manifests (hooks included), applied in order before anything is recorded or applied."))),
                ("commonMetadata", .object(
                    properties: [
                        ("labels", .map(of: .string(), A("Labels put on every object, replacing the chart's of the same key."))),
                        ("annotations", .map(of: .string(), A("Annotations put on every object, replacing the chart's of the same key."))),
                    ],
                    A("Labels and annotations put on every object of the release (never Helm's ownership metadata)."))),
            ],
            required: ["chart"],
            A("What the release should be."))
    }

    static var chart: S {
        .object(
            properties: [
                ("repository", .string(A(
                    "An HTTP(S) chart repository (its index.yaml) or an OCI registry path (oci://registry/path).",
                    pattern: "^(https?|oci)://.+"))),
                ("name", .string(A("The chart's name in the repository (for oci://, appended to the path).", minLength: 1))),
                ("version", .string(A("A semver constraint (>=6.0.0 <7.0.0) or exact version; the newest stable when unset."))),
                ("digest", .string(A("An OCI manifest digest the pulled chart must have.", pattern: "^sha256:[a-f0-9]{64}$"))),
                ("secretRef", .object(
                    properties: [("name", name("The Secret's name."))], required: ["name"],
                    A("Repository credentials: username/password, ca.crt, tls.crt and tls.key."))),
                ("plainHTTP", .boolean(A("Talks to an oci:// registry over plain HTTP (Helm's --plain-http)."))),
                ("packagedRef", .object(
                    properties: [
                        ("kind", enumeration(ReferencedKind.self, "ConfigMap (binaryData or data) or Secret.", default: .configMap)),
                        ("name", name("The object's name.")),
                        ("key", .string(A("The key holding the .tgz.", minLength: 1))),
                    ],
                    required: ["name", "key"],
                    A("A packaged chart kept in a ConfigMap or Secret of this namespace."))),
            ],
            A(
                "Where the chart comes from: exactly one of repository or packagedRef.",
                validations: [
                    (rule: "has(self.repository) != has(self.packagedRef)", message: "exactly one of repository or packagedRef must be set"),
                    (rule: "!has(self.repository) || self.repository.startsWith('oci://') || has(self.name)",
                     message: "name is required for an HTTP(S) repository"),
                ]))
    }

    static var valuesReference: S {
        .object(
            properties: [
                ("kind", enumeration(ReferencedKind.self, "ConfigMap or Secret.")),
                ("name", name("The object's name, in this namespace.")),
                ("valuesKey", .string(A("The key holding YAML values, or with targetPath a single value.", defaultValue: .string(ValuesReference.defaultValuesKey)))),
                ("targetPath", .string(A("Puts the key's content at this path (a.b[0].c), as --set does, instead of merging YAML."))),
                ("optional", .boolean(A("A missing object or key is skipped instead of failing.", defaultValue: false))),
            ],
            required: ["kind", "name"])
    }

    static var install: S {
        .object(
            properties: [
                ("createNamespace", .boolean(A("Creates targetNamespace if it does not exist."))),
                ("crds", enumeration(CRDPolicy.self, "What happens to the chart's crds/ folder on install.", default: .create)),
                ("disableHooks", .boolean(A("Skips the chart's install hooks."))),
                ("remediation", .object(
                    properties: [("retries", .integer(A("Attempts after the first failure.", minimum: 0)))],
                    A("What follows a failed install."))),
            ],
            A("Install behaviour."))
    }

    static var upgrade: S {
        .object(
            properties: [
                ("crds", enumeration(CRDPolicy.self, "What happens to the chart's crds/ folder on upgrade.", default: .skip)),
                ("force", .boolean(A("Takes over fields other managers own."))),
                ("cleanupOnFail", .boolean(A("Deletes objects a failed upgrade created."))),
                ("disableHooks", .boolean(A("Skips the chart's upgrade hooks."))),
                ("remediation", .object(
                    properties: [
                        ("retries", .integer(A("Attempts after the first failure.", minimum: 0))),
                        ("strategy", enumeration(UpgradeRemediation.Strategy.self, "What follows a failed upgrade.", default: .rollback)),
                    ],
                    A("What follows a failed upgrade."))),
            ],
            A("Upgrade behaviour."))
    }

    static var uninstall: S {
        .object(
            properties: [
                ("keepHistory", .boolean(A("Keeps the history, marked uninstalled."))),
                ("deletionPropagation", enumeration(UninstallSpec.Propagation.self, "How dependents of deleted objects go.", default: .background)),
                ("disableHooks", .boolean(A("Skips the chart's delete hooks."))),
            ],
            A("Uninstall behaviour, when the HelmRelease is deleted."))
    }

    static var postRenderer: S {
        let selector: S = .object(
            properties: [
                ("group", .string(A("The API group (a regular expression matching all of it)."))),
                ("version", .string(A("The API version (a regular expression matching all of it)."))),
                ("kind", .string(A("The kind (a regular expression matching all of it)."))),
                ("name", .string(A("The object's name (a regular expression matching all of it)."))),
                ("namespace", .string(A("The object's namespace (a regular expression matching all of it)."))),
                ("labelSelector", .string(A("A label selector (app=web,tier!=cache)."))),
                ("annotationSelector", .string(A("A label selector evaluated against annotations."))),
            ],
            A("The objects to patch; every field set must match."))
        let patch: S = .object(
            properties: [
                ("patch", .string(A(
                    "A strategic merge patch (a YAML or JSON object) or a JSON6902 patch (a YAML or JSON list of operations).",
                    minLength: 1))),
                ("target", selector),
            ],
            required: ["patch"])
        let image: S = .object(
            properties: [
                ("name", .string(A("The image name to match, whatever its tag or digest.", minLength: 1))),
                ("newName", .string(A("The name to put instead."))),
                ("newTag", .string(A("The tag to put instead."))),
                ("digest", .string(A("The digest to put instead (wins over newTag).", pattern: "^[a-z0-9]+([+._-][a-z0-9]+)*:[a-fA-F0-9=_-]+$"))),
            ],
            required: ["name"])
        return .object(
            properties: [
                ("kustomize", .object(
                    properties: [
                        ("patches", .array(of: patch, A("Patches applied in order to the objects their target selects."))),
                        ("images", .array(of: image, A("Image overrides of containers and initContainers, kustomize-style."))),
                    ],
                    A("What kustomize would do to the rendered manifests: patches, then images."))),
            ])
    }

    static var driftDetection: S {
        .object(
            properties: [
                ("mode", enumeration(DriftDetectionSpec.Mode.self, "enabled corrects drift, warn only reports it.", default: .enabled)),
                ("ignore", .array(of: .object(
                    properties: [
                        ("paths", .array(of: .string(A(pattern: "^/.*")), A("JSON pointers whose differences are not drift."))),
                        ("target", .object(
                            properties: [
                                ("group", .string()), ("kind", .string()), ("name", .string()), ("namespace", .string()),
                            ],
                            A("The objects the rule applies to; all when unset."))),
                    ],
                    required: ["paths"]))),
            ],
            A("Detection and correction of changes made to the release's objects behind its back."))
    }

    static var status: S {
        let snapshot: S = .object(
            properties: [
                ("revision", .integer()), ("chartName", .string()), ("chartVersion", .string()), ("appVersion", .string()),
                ("status", .string()), ("firstDeployed", .string(A(format: "date-time"))), ("lastDeployed", .string(A(format: "date-time"))),
                ("deleted", .string(A(format: "date-time"))), ("digest", .string()), ("configDigest", .string()),
                ("description", .string()), ("testHooks", .map(of: .string())),
            ],
            required: ["revision", "chartName", "chartVersion", "status"])
        let condition: S = .object(
            properties: [
                ("type", .string(A(maxLength: 316))), ("status", .string(A(enumeration: ["True", "False", "Unknown"]))),
                ("observedGeneration", .integer(A(format: "int64", minimum: 0))),
                ("lastTransitionTime", .string(A(format: "date-time"))), ("reason", .string(A(maxLength: 1024))),
                ("message", .string(A(maxLength: 32768))),
            ],
            required: ["type", "status", "lastTransitionTime", "reason", "message"])
        return .object(
            properties: [
                ("observedGeneration", .integer(A(format: "int64"))),
                ("conditions", .array(of: condition, A(listMapKeys: ["type"]))),
                ("lastAttemptedChartVersion", .string()), ("lastAttemptedConfigDigest", .string()),
                ("lastAttemptedRevision", .integer()), ("lastHandledRequestedAt", .string()),
                ("observedPostRenderersDigest", .string()),
                ("history", .array(of: snapshot)),
                ("failures", .integer()), ("installFailures", .integer()), ("upgradeFailures", .integer()),
                ("storageNamespace", .string()), ("releaseName", .string()),
            ],
            A("What Rudder last observed and did."))
    }
}
