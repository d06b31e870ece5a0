import KubeObjects

/// The controllers that live inside the server, fed by one stream of every change:
/// the garbage collector and the namespace finalizer. (The workload simulator, which
/// plays kube-controller-manager's workload controllers, runs beside them.)
struct ClusterControllers: Sendable {
    let cluster: Cluster

    /// Runs until cancelled. A stream that ends (fault injection drops every watch, these
    /// included) is resumed from the last change seen, as any client would resume it: the
    /// server runs these beside its listener and stops when one of them returns, so
    /// returning here would take the whole server down with a dropped watch.
    func run() async {
        let gc = GarbageCollector(cluster: cluster)
        let namespaces = NamespaceFinalizer(cluster: cluster)
        var from: UInt64?
        while !Task.isCancelled {
            let subscription: WatchSubscription
            do {
                subscription = try await cluster.store.watch(nil, namespace: nil, from: from)
            } catch {
                // History compacted past our resume point: start over from the objects.
                from = nil
                continue
            }
            // Objects already terminating when the controllers start are finalized too.
            for e in subscription.initial {
                await gc.handle(e)
                await namespaces.handle(e)
            }
            from = subscription.startResourceVersion
            for await e in subscription.events {
                await gc.handle(e)
                await namespaces.handle(e)
                from = max(from ?? 0, e.resourceVersion)
            }
        }
    }
}
