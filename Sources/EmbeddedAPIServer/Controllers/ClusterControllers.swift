import KubeObjects

/// The controllers that live inside the server, fed by one stream of every change:
/// the garbage collector and the namespace finalizer. (The workload simulator, which
/// plays kube-controller-manager's workload controllers, runs beside them.)
struct ClusterControllers: Sendable {
    let cluster: Cluster

    /// Runs until cancelled.
    func run() async {
        let gc = GarbageCollector(cluster: cluster)
        let namespaces = NamespaceFinalizer(cluster: cluster)
        guard let subscription = try? await cluster.store.watch(nil, namespace: nil, from: nil) else { return }
        // Objects already terminating when the controllers start are finalized too.
        for e in subscription.initial {
            await gc.handle(e)
            await namespaces.handle(e)
        }
        for await e in subscription.events {
            await gc.handle(e)
            await namespaces.handle(e)
        }
    }
}
