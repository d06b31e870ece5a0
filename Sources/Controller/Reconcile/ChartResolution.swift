import Charts
import ChartSources
import KubeClient

/// The chart a spec names, fetched (through the shared cache) and loaded.
public struct ResolvedChart: Sendable {
    public var chart: Chart
    /// `sha256:` of the archive.
    public var digest: String
    public var source: String
}

/// Why the chart could not be had; carries no credentials.
public struct ChartResolutionError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

enum ChartResolution {
    static func resolve(
        _ spec: ChartReference, namespace: String, reader: ClusterValuesReader, fetcher: ChartFetcher
    ) async throws(ChartResolutionError) -> ResolvedChart {
        let request: ChartFetchRequest
        // The CRD's CEL rule says the same; an API server that does not evaluate CEL must not
        // make the controller pick one silently.
        if spec.packagedRef != nil && spec.repository != nil {
            throw ChartResolutionError(message: "chart: set exactly one of spec.chart.repository or spec.chart.packagedRef")
        }
        if let packaged = spec.packagedRef {
            let kind = packaged.kind ?? .configMap
            let data: [String: [UInt8]]?
            do {
                data = try await reader.data(of: kind, namespace: namespace, name: packaged.name)
            } catch {
                throw ChartResolutionError(message: "chart: cannot read \(kind.rawValue) '\(namespace)/\(packaged.name)': \(error)")
            }
            guard let archive = data?[packaged.key] else {
                throw ChartResolutionError(message: "chart: \(kind.rawValue) '\(namespace)/\(packaged.name)' has no key '\(packaged.key)'")
            }
            request = ChartFetchRequest(
                source: .packaged(archive: archive, origin: "\(kind.rawValue) \(namespace)/\(packaged.name) key \(packaged.key)"),
                digest: spec.digest)
        } else if let repository = spec.repository {
            var credentials = ChartSourceCredentials.anonymous
            if let secretRef = spec.secretRef {
                let data: [String: [UInt8]]?
                do {
                    data = try await reader.data(of: .secret, namespace: namespace, name: secretRef.name)
                } catch {
                    throw ChartResolutionError(message: "chart: cannot read Secret '\(namespace)/\(secretRef.name)': \(error)")
                }
                guard let data else {
                    throw ChartResolutionError(message: "chart: credentials Secret '\(namespace)/\(secretRef.name)' not found")
                }
                credentials.username = data["username"].map { String(decoding: $0, as: UTF8.self) } ?? ""
                credentials.password = data["password"].map { String(decoding: $0, as: UTF8.self) } ?? ""
                credentials.caPEM = data["ca.crt"]
                credentials.certificatePEM = data["tls.crt"]
                credentials.privateKeyPEM = data["tls.key"]
            }
            request = ChartFetchRequest(
                repository: repository, name: spec.name ?? "", version: spec.version ?? "", digest: spec.digest, credentials: credentials,
                plainHTTP: spec.plainHTTP ?? false)
        } else {
            throw ChartResolutionError(message: "chart: set spec.chart.repository or spec.chart.packagedRef")
        }
        let fetched: FetchedChart
        do {
            fetched = try await fetcher.fetch(request)
        } catch {
            throw ChartResolutionError(message: "chart \(request.displayName): \(error)")
        }
        do {
            let chart = try ChartLoader.loadArchive(fetched.bytes, name: fetched.fileName)
            return ResolvedChart(chart: chart, digest: "sha256:" + fetched.digest, source: request.displayName)
        } catch {
            throw ChartResolutionError(message: "chart \(request.displayName): \(error)")
        }
    }
}
