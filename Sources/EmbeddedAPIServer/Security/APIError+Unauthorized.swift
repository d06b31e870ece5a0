extension APIError {
    /// kube-apiserver's answer to a request it cannot authenticate: the bare `Unauthorized`
    /// Status, which kubectl prints as "You must be logged in to the server (Unauthorized)".
    public static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")
}
