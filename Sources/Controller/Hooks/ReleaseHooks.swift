import Charts

extension Release.Hook {
    /// The hook as Helm records it in a release (`releaseutil.SortManifests`): named after
    /// its object, the template it came from, its events (Helm 2's `test-success` read as
    /// `test`), weight and delete policies as the chart wrote them.
    init(rendered hook: Charts.Hook) {
        self.init(
            name: hook.manifest.name, kind: hook.manifest.kind, path: hook.manifest.path, manifest: hook.manifest.content,
            events: hook.events.map { HookEvent(annotation: $0)?.rawValue ?? $0 }, weight: hook.weight,
            deletePolicies: hook.deletePolicies)
    }

    /// Whether the hook runs at `event`.
    func runs(at event: HookEvent) -> Bool {
        events.contains { HookEvent(annotation: $0) == event }
    }

    func hasDeletePolicy(_ policy: HookDeletePolicy) -> Bool {
        deletePolicies.contains(policy.rawValue)
    }
}

extension Release {
    /// Whether any hook of the release runs at `event`.
    func hasHooks(at event: HookEvent) -> Bool {
        hooks.contains { $0.runs(at: event) }
    }

    /// The test hooks that ran, by name, with their outcome (`Succeeded`, `Failed`…); empty
    /// when no test ran for this revision.
    public var testHookPhases: [String: String] {
        var phases: [String: String] = [:]
        for hook in hooks where hook.runs(at: .test) && !hook.lastRun.phase.isEmpty {
            phases[hook.name] = hook.lastRun.phase
        }
        return phases
    }
}
