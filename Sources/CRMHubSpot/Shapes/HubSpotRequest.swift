/// One request to HubSpot's API, as `crmgen export hubspot` and `plan` print it:
/// `{"method": "POST", "path": "/crm/v3/schemas", "body": {…}}`.
public struct HubSpotRequest: Hashable, Sendable {
    public var method: String
    public var path: String
    public var body: JSONValue?
    /// What it does, in words ("create the custom object roast_batch").
    public var summary: String

    public init(method: String, path: String, body: JSONValue?, summary: String) {
        self.method = method
        self.path = path
        self.body = body
        self.summary = summary
    }

    /// The request as `export hubspot` prints it.
    public var json: JSONValue {
        .object([("method", .string(method)), ("path", .string(path)), ("body", body ?? .null)])
    }
}
