/// The manifests the real-client tests apply: small, but with the shapes that exercise the
/// server's semantics (a list merged by key, a CRD with a status subresource and printer columns).
enum Manifests {
    static func configMap(_ name: String, data: [String: String], namespace: String = "default", finalizers: [String] = []) -> String {
        let entries = data.sorted { $0.key < $1.key }.map { "  \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        var text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: \(name)
              namespace: \(namespace)

            """
        if !finalizers.isEmpty { text += "  finalizers:\n" + finalizers.map { "  - \($0)\n" }.joined() }
        text += data.isEmpty ? "data: {}\n" : "data:\n\(entries)\n"
        return text
    }

    /// A Deployment with two containers, so strategic merge by name can be told apart from
    /// a merge patch (which would replace the list).
    static func deployment(_ name: String, replicas: Int = 2, labels: [String: String] = [:]) -> String {
        let extra = labels.sorted { $0.key < $1.key }.map { "\n    \($0.key): \"\($0.value)\"" }.joined()
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: default
              labels:
                app: \(name)\(extra)
            spec:
              replicas: \(replicas)
              selector:
                matchLabels:
                  app: \(name)
              template:
                metadata:
                  labels:
                    app: \(name)
                spec:
                  containers:
                  - name: main
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
                  - name: sidecar
                    image: busybox:1.36

            """
    }

    static let widgetCRD = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            shortNames: [wd]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Size
              type: integer
              jsonPath: .spec.size
            - name: Color
              type: string
              jsonPath: .spec.color
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    description: What the widget should look like.
                    properties:
                      size:
                        type: integer
                        description: How big the widget is.
                      color:
                        type: string
                        description: The widget's paint.
                  status:
                    type: object
                    properties:
                      phase:
                        type: string

        """

    static func widget(_ name: String, size: Int, color: String) -> String {
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: \(name)
          namespace: default
        spec:
          size: \(size)
          color: \(color)

        """
    }
}
