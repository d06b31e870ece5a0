import Foundation

/// The charts the end-to-end tests install, written as folders for `rudder package`.
///
/// `web` 0.1.0 and 0.2.0: a ConfigMap `NAME-settings` (the `greeting` value and the chart
/// version), a Deployment `NAME` (labelled `rudder.dev/simulate: VALUE` when `simulate` is
/// set, so the API server's workload simulator keeps it from readiness), and a ConfigMap
/// `NAME-extra` when `extra` is set. Only 0.1.0 has the Service `NAME-legacy`, so
/// upgrading to 0.2.0 must prune it. `broken` 0.1.0 fails to render.
enum TestCharts {
    static let failMessage = "the chart needs .Values.database.host"

    static func write(into directory: URL) throws -> [URL] {
        var charts: [URL] = []
        for version in ["0.1.0", "0.2.0"] {
            let chart = directory.appendingPathComponent("web-\(version)/web")
            var files = [
                "Chart.yaml": "apiVersion: v2\nname: web\nversion: \(version)\nappVersion: \"1.0\"\n",
                "values.yaml": "greeting: hello\nreplicas: 1\nsimulate: \"\"\nextra: false\n",
                "templates/settings.yaml": settings,
                "templates/deployment.yaml": deployment,
                "templates/extra.yaml": extra,
            ]
            if version == "0.1.0" { files["templates/legacy.yaml"] = legacyService }
            try write(files, into: chart)
            charts.append(chart)
        }
        let broken = directory.appendingPathComponent("broken/broken")
        try write(
            [
                "Chart.yaml": "apiVersion: v2\nname: broken\nversion: 0.1.0\n",
                // A valid object before the failure: nothing at all may be applied.
                "templates/objects.yaml": """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: {{ .Release.Name }}-never
                    ---
                    {{ fail "\(failMessage)" }}

                    """,
            ], into: broken)
        charts.append(broken)
        return charts
    }

    private static func write(_ files: [String: String], into chart: URL) throws {
        for (path, text) in files {
            let url = chart.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    private static let settings = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-settings
        data:
          greeting: {{ .Values.greeting | quote }}
          chartVersion: {{ .Chart.Version | quote }}

        """

    private static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
          {{- with .Values.simulate }}
          labels:
            rudder.dev/simulate: {{ . }}
          {{- end }}
        spec:
          replicas: {{ .Values.replicas }}
          selector:
            matchLabels: {app: {{ .Release.Name }}}
          template:
            metadata:
              labels: {app: {{ .Release.Name }}}
              {{- with .Values.simulate }}
              # A new pod template, as a real bad release has: the rollout that never ends.
              annotations: {rudder.dev/simulate: {{ . }}}
              {{- end }}
            spec:
              containers:
                - name: web
                  image: nginx:1.27

        """

    private static let extra = """
        {{- if .Values.extra }}
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-extra
        data:
          added: "by the extra value"
        {{- end }}

        """

    private static let legacyService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}-legacy
        spec:
          ports: [{port: 80}]
          selector: {app: {{ .Release.Name }}}

        """
}
