import KubeObjects

/// authorization.k8s.io/v1 access reviews, answered by the server's own authorizer and never
/// stored: `SelfSubjectAccessReview` (what `kubectl auth can-i` asks), `SubjectAccessReview`
/// (about anyone) and `LocalSubjectAccessReview` (about anyone, in one namespace). Creating
/// one was already authorized like any other create.
struct AccessReviewEndpoint {
    enum Kind: String {
        case selfSubject = "SelfSubjectAccessReview"
        case subject = "SubjectAccessReview"
        case localSubject = "LocalSubjectAccessReview"
    }

    let request: HTTPRequest
    let kind: Kind
    /// The namespace of a LocalSubjectAccessReview's URL.
    let namespace: String?
    let authorizer: Authorizer

    static let group = "authorization.k8s.io"

    /// Nil unless `request` creates an access review.
    init?(_ request: HTTPRequest, authorizer: Authorizer) {
        guard request.method.uppercased() == "POST", case .resource(let path) = RequestTarget(path: request.path),
            path.group == Self.group, path.version == "v1", path.name == nil
        else { return nil }
        switch (path.plural, path.namespace) {
        case ("selfsubjectaccessreviews", nil): kind = .selfSubject
        case ("subjectaccessreviews", nil): kind = .subject
        case ("localsubjectaccessreviews", _?): kind = .localSubject
        default: return nil
        }
        self.request = request
        self.namespace = path.namespace
        self.authorizer = authorizer
    }

    func respond() async -> HTTPResponse {
        do {
            var review =
                RequestBody.mediaType(request) == KubernetesProtobuf.mediaType
                ? try AccessReviewProtobuf.decode(request.body) : try RequestBody.object(request)
            let attributes = try self.attributes(review)
            var status: JSONValue = ["allowed": false]
            switch await authorizer.authorize(attributes) {
            case .allow:
                status["allowed"] = true
            case .deny(let reason):
                if !reason.isEmpty { status["reason"] = .string(reason) }
            }
            review["apiVersion"] = .string(Self.group + "/v1")
            review["kind"] = .string(kind.rawValue)
            if review["metadata"]?.objectValue == nil { review["metadata"] = .emptyObject }
            review[path: ["metadata", "creationTimestamp"]] = .null
            review["status"] = status
            return Responses.json(201, review)
        } catch {
            return Responses.error(error)
        }
    }

    /// The question the review's spec asks, about the caller (self) or the spec's user.
    private func attributes(_ review: JSONValue) throws(APIError) -> AuthorizationAttributes {
        guard let spec = review["spec"], spec.objectValue != nil else { throw invalid("spec", "Required value") }
        let user: RequestUser
        switch kind {
        case .selfSubject:
            user = request.effectiveUser
        case .subject, .localSubject:
            let name = spec["user"]?.stringValue ?? ""
            let groups = spec["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard !name.isEmpty || !groups.isEmpty else {
                throw invalid("spec.user", "Invalid value: \"\": at least one of user or group must be specified")
            }
            var extra: [String: [String]] = [:]
            for (key, values) in spec["extra"]?.objectValue ?? [:] {
                extra[key] = values.arrayValue?.compactMap(\.stringValue) ?? []
            }
            user = RequestUser(name: name, groups: groups, uid: spec["uid"]?.stringValue, extra: extra)
        }
        if let resource = spec["resourceAttributes"], resource.objectValue != nil {
            func field(_ name: String) -> String { resource[name]?.stringValue ?? "" }
            var namespace = field("namespace")
            if kind == .localSubject, let own = self.namespace {
                if namespace.isEmpty { namespace = own }
                guard namespace == own else {
                    throw invalid("spec.resourceAttributes.namespace", "Invalid value: \"\(namespace)\": must match metadata.namespace")
                }
            }
            return AuthorizationAttributes(
                user: user, verb: field("verb"), apiGroup: field("group"), apiVersion: field("version"),
                resource: field("resource"), subresource: field("subresource"), namespace: namespace, name: field("name"))
        }
        if let nonResource = spec["nonResourceAttributes"], nonResource.objectValue != nil, kind != .localSubject {
            return AuthorizationAttributes(
                user: user, verb: nonResource["verb"]?.stringValue ?? "", path: nonResource["path"]?.stringValue ?? "")
        }
        throw invalid(
            "spec.resourceAttributes", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified")
    }

    private func invalid(_ field: String, _ message: String) -> APIError {
        .invalid(kind: kind.rawValue, group: Self.group, name: "", causes: [(field, "FieldValue", message)])
    }
}
