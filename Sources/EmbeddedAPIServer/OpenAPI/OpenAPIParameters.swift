import KubeObjects

/// The query and path parameters the real server declares, by name. Only `fieldValidation`
/// is load-bearing for clients (its presence on PATCH is how kubectl and Helm decide to
/// validate on the server); the rest make the documents read like a real server's.
enum OpenAPIParameters {
    static func path(_ name: String, _ description: String) -> JSONValue {
        [
            "name": .string(name), "in": "path", "required": true, "description": .string(description),
            "schema": ["type": "string", "uniqueItems": true],
        ]
    }

    static let name = path("name", "name of the resource")
    static let namespace = path("namespace", "object name and auth scope, such as for teams and projects")

    static func query(_ name: String) -> JSONValue {
        let (type, description) = table[name] ?? ("string", "")
        return [
            "name": .string(name), "in": "query", "description": .string(description),
            "schema": ["type": .string(type), "uniqueItems": true],
        ]
    }

    static let pretty = query("pretty")
    /// POST and PUT.
    static let write = ["dryRun", "fieldManager", "fieldValidation"].map(query)
    /// PATCH also takes `force`, for server-side apply.
    static let patch = write + [query("force")]
    static let list = [
        "allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion",
        "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch",
    ].map(query)
    static let delete = ["dryRun", "gracePeriodSeconds", "propagationPolicy"].map(query)

    static let table: [String: (String, String)] = [
        "pretty": ("string", "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget)."),
        "dryRun": ("string", "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed"),
        "fieldManager": ("string", "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint. This field is required for apply requests (application/apply-patch) but optional for non-apply patch types (JsonPatch, MergePatch, StrategicMergePatch)."),
        "fieldValidation": ("string", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered."),
        "force": ("boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests."),
        "allowWatchBookmarks": ("boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server's discretion."),
        "continue": ("string", "The continue option should be set when retrieving more results from the server. Since this value is server defined, clients may only use the continue value from a previous query result with identical query parameters (except for the value of continue)."),
        "fieldSelector": ("string", "A selector to restrict the list of returned objects by their fields. Defaults to everything."),
        "labelSelector": ("string", "A selector to restrict the list of returned objects by their labels. Defaults to everything."),
        "limit": ("integer", "limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata to a value that can be used with the same initial query to retrieve the next set of results."),
        "resourceVersion": ("string", "resourceVersion sets a constraint on what resource versions a request may be served from. Defaults to unset"),
        "resourceVersionMatch": ("string", "resourceVersionMatch determines how resourceVersion is applied to list calls. Defaults to unset"),
        "sendInitialEvents": ("boolean", "`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection. Once all such events have been sent, a synthetic \"Bookmark\" event will be sent, annotated with \"k8s.io/initial-events-end\": \"true\"."),
        "timeoutSeconds": ("integer", "Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity."),
        "watch": ("boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion."),
        "gracePeriodSeconds": ("integer", "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately."),
        "propagationPolicy": ("string", "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground."),
    ]
}
