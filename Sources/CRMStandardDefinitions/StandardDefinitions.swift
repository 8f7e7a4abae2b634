/// HubSpot's standard objects as crmgen ships them: the YAML files of `Definitions/standard/`,
/// embedded by `crmgen-embed` (a test checks that they are in step).
///
/// The texts are parsed like any other definition, so the built-in set and a user's
/// `Definitions/standard/` folder follow exactly the same rules.
public enum StandardDefinitions {
    /// One embedded definition file.
    public struct File: Sendable {
        /// The file name (`contacts.yaml`).
        public let name: String
        public let contents: String

        public init(name: String, contents: String) {
            self.name = name
            self.contents = contents
        }
    }
}
