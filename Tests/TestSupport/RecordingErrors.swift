import Testing

/// Runs `body`, recording a thrown error as a test failure. swift-property-based 2.0.1 drops errors
/// thrown from a `propertyCheck` body (`try?` around its scope), so every body goes through here.
public func recordingErrors(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
    do {
        try await body()
    } catch {
        Issue.record(error, sourceLocation: sourceLocation)
    }
}
