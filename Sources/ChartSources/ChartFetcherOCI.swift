import Charts
import Sprig

/// What resolving an OCI reference found: the tag, its manifest, the chart layer, and
/// the client (with the authorization it negotiated) to get the blob with.
struct OCIResolution: Sendable {
    var reference: OCIReference
    var manifestDigest: String
    var layer: OCIManifest.Descriptor
    var client: OCIRegistryClient
}

/// OCI registries, as `helm pull oci://…` does it: tags → highest match → manifest →
/// the chart layer's blob, each digest verified.
extension ChartFetcher {
    func fetchFromRegistry(
        reference text: String, constraint: String, pin: String?, request: ChartFetchRequest
    ) async throws(ChartSourceError) -> FetchedChart {
        let reference = try OCIReference(parsing: text)
        if let inReference = reference.digest, let pin, inReference != "sha256:" + pin {
            throw .invalidReference(reference: text, reason: "its digest differs from the pinned digest sha256:\(pin)")
        }
        let manifestPin = pin.map { "sha256:" + $0 } ?? reference.digest
        let key = OCIKey(reference: reference.description, version: constraint, credentials: request.credentials, plainHTTP: request.plainHTTP)
        let resolution = try await resolve(reference, constraint: constraint, key: key).get()
        if let manifestPin, resolution.manifestDigest != manifestPin {
            throw .digestPinMismatch(reference: resolution.reference.description, pinned: manifestPin, actual: resolution.manifestDigest)
        }
        let layer = resolution.layer
        let shown = resolution.reference.description
        guard OCIReference.isDigest(layer.digest) else {
            throw .invalidManifest(reference: shown, reason: "the chart layer's digest \"\(layer.digest)\" is not sha256")
        }
        let hex = String(layer.digest.dropFirst(7))
        let client = resolution.client
        let pulled = try await archive(digest: hex) {
            let bytes: [UInt8]
            do throws(ChartSourceError) { bytes = try client.blob(resolution.reference.chart, digest: layer.digest) } catch { return .failure(error) }
            let actual = RepoIndex.digest(of: bytes)
            // The layer digest is what the manifest (itself verified) promised.
            guard actual == hex else { return .failure(.digestMismatch(url: shown, expected: hex, actual: actual)) }
            if layer.size >= 0, bytes.count != layer.size {
                return .failure(.invalidManifest(reference: shown, reason: "the chart layer is \(bytes.count) bytes, the manifest says \(layer.size)"))
            }
            return .success(bytes)
        }.get()
        let bytes = pulled.bytes
        let loaded: Result<RepoChartVersion, ChartSourceError> = await workers.run {
            Self.chartVersion(of: bytes, digest: hex, url: shown, reference: shown)
        }
        let version = try loaded.get()
        var fetched = FetchedChart(
            bytes: bytes, url: shown, digest: hex, fileName: "\(version.name)-\(version.version).tgz", version: version,
            fromCache: pulled.fromCache)
        fetched.manifestDigest = resolution.manifestDigest
        return fetched
    }

    /// Tag and manifest for `reference` (concurrent identical resolutions share one).
    func resolve(_ reference: OCIReference, constraint: String, key: OCIKey) async -> Result<OCIResolution, ChartSourceError> {
        if let running = ociTasks[key] {
            statistics.coalesced += 1
            return await running.value
        }
        let client = OCIRegistryClient(
            registry: reference.registry, credentials: key.credentials, plainHTTP: key.plainHTTP, exchange: exchange)
        let workers = self.workers
        let task = Task<Result<OCIResolution, ChartSourceError>, Never> {
            await workers.run { Self.resolveBlocking(reference, constraint: constraint, client: client) }
        }
        ociTasks[key] = task
        let result = await task.value
        ociTasks[key] = nil
        return result
    }

    static func resolveBlocking(_ reference: OCIReference, constraint: String, client: OCIRegistryClient) -> Result<OCIResolution, ChartSourceError> {
        do {
            var resolved = reference
            let target: String
            if let tag = reference.tag {
                if !constraint.isEmpty, constraint != OCIReference.version(forTag: tag), constraint != tag {
                    throw ChartSourceError.invalidReference(
                        reference: reference.description, reason: "the tag \(tag) and the version \(constraint) disagree")
                }
                target = tag
            } else if let digest = reference.digest, constraint.isEmpty {
                target = digest
            } else {
                let tags = try client.tags(reference)
                let version = try pickVersion(tags: tags, constraint: constraint, reference: reference)
                let tag = OCIReference.tag(forVersion: version)
                resolved.tag = tag
                target = tag
            }
            resolved.digest = nil
            let manifest = try client.manifest(reference, tagOrDigest: target)
            let decoded: OCIManifest
            switch OCIManifest.decode(manifest.bytes) {
            case .failure(let f): throw ChartSourceError.invalidManifest(reference: resolved.description, reason: f.reason)
            case .success(let m): decoded = m
            }
            guard let layer = decoded.chartLayer else {
                let kinds = decoded.layers.map(\.mediaType).joined(separator: ", ")
                throw ChartSourceError.invalidManifest(
                    reference: resolved.description,
                    reason: "no layer of media type \(OCIManifest.chartLayerMediaType) (layers: \(kinds.isEmpty ? "none" : kinds))")
            }
            return .success(OCIResolution(reference: resolved, manifestDigest: manifest.digest, layer: layer, client: client))
        } catch let e as ChartSourceError {
            return .failure(e)
        } catch {
            return .failure(.invalidReference(reference: reference.description, reason: "\(error)"))
        }
    }

    /// Helm's `GetTagMatchingVersionOrConstraint` over Helm's `Tags` (semver tags only,
    /// `_` read as `+`, newest first): an exact tag wins, else the newest satisfying
    /// the constraint (`*`, the newest stable, when empty).
    static func pickVersion(tags: [String], constraint: String, reference: OCIReference) throws(ChartSourceError) -> String {
        var versions: [(String, SemverVersion)] = []
        for tag in tags {
            let v = OCIReference.version(forTag: tag)
            if let parsed = try? SemverVersion(v) { versions.append((v, parsed)) }
        }
        versions.sort { $0.1.compare(to: $1.1) > 0 }
        if !constraint.isEmpty, let exact = versions.first(where: { $0.0 == constraint }) { return exact.0 }
        let parsed: SemverConstraints
        do { parsed = try SemverConstraints(constraint.isEmpty ? "*" : constraint) } catch {
            throw .invalidReference(reference: reference.description, reason: "invalid version constraint \"\(constraint)\": \(error)")
        }
        if let match = versions.first(where: { parsed.check($0.1) }) { return match.0 }
        if versions.isEmpty { throw .ociNotFound(reference: reference.description, what: "no semver tags in \(reference.repository)") }
        throw .noMatchingVersion(reference: reference.description, constraint: constraint, available: versions.map(\.0))
    }
}
