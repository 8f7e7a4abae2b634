import ArgumentParser
import CRMHubSpot
import CRMModel
import CRMPortal
import CRMSchemaLoader
import Foundation

/// `--base-url` and `--verbose`, shared by the commands that talk to a portal. The token is read
/// from `HUBSPOT_ACCESS_TOKEN` only.
struct PortalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("HubSpot's API (default https://api.hubapi.com); plain http only to 127.0.0.1, ::1 or localhost.",
                               valueName: "url"))
    var baseURL: String?

    @Flag(help: "Log every request (method, path, status and time; never a header) on standard error.")
    var verbose = false

    @Option(help: ArgumentHelp("Seconds without an answer before a request times out (a GET is then tried again); a whole answer may take four times as long.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be more than 0 and at most 3600 seconds") }
    }

    /// A client for the portal; a usage error (nothing sent) when the URL or the token will not do.
    func client() throws -> PortalClient {
        let endpoint: PortalEndpoint
        do {
            endpoint = try PortalEndpoint(baseURL: baseURL, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        let client = PortalClient(endpoint: endpoint, timeout: timeout)
        let isTerminal = StandardError.isTerminal
        if verbose || isTerminal {
            client.log = { line in StandardError.write(Diagnostic.escaped(line) + "\n") }
        }
        client.note = { line in StandardError.write("crmgen: " + Diagnostic.escaped(line) + "\n") }
        return client
    }
}

/// The portal compared with the definitions: what `plan` prints and `apply` runs.
struct PortalComparison {
    let definitions: Schema
    let current: Schema
    let typeIds: [String: String]
    let plan: PortalPlan

    static let isBuiltIn: @Sendable (SourceLocation?) -> Bool = { $0?.file.hasPrefix(SchemaLoader.builtInPathPrefix) ?? true }
    static let portalPrefix = "portal/"

    /// Reads the portal (GET requests only) and plans the requests that bring it to the definitions.
    static func make(definitions options: DefinitionOptions, client: PortalClient) async throws -> PortalComparison {
        let (definitions, _) = try options.loadSchema()
        let snapshot: PortalSnapshot
        do {
            snapshot = try await PortalReader(client: client).read(for: definitions, isBuiltIn: isBuiltIn)
        } catch {
            DiagnosticPrinter.print([.error("cannot read the portal: \(error)", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        let current = try currentSchema(snapshot)
        var typeIds: [String: String] = [:]
        for object in current.objects where object.kind == .custom { if let id = object.objectTypeId { typeIds[object.name] = id } }
        let plan = PortalPlanner(isBuiltIn: isBuiltIn).plan(
            desired: definitions, current: current,
            isPortalProperty: { $0.location?.file.hasPrefix(portalPrefix) == true }, existingGroups: snapshot.groups)
        return PortalComparison(definitions: definitions, current: current, typeIds: typeIds, plan: plan)
    }

    /// The portal as definitions: what `pull` would write, loaded on top of the standard set.
    static func currentSchema(_ snapshot: PortalSnapshot) throws -> Schema {
        let imported = try documents(snapshot)
        let sources = imported.map { DefinitionSource(path: portalPrefix + "\($0.object).yaml", text: DefinitionWriter.yaml($0)) }
        let loaded = SchemaLoader().load(sources)
        guard let schema = loaded.schema else {
            DiagnosticPrinter.print(loaded.diagnostics + [.error("crmgen cannot read this portal's schema as definitions (a crmgen bug)", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        return schema
    }

    /// The portal's definition documents, with the import's diagnostics printed.
    static func documents(_ snapshot: PortalSnapshot) throws -> [DefinitionDocument] {
        guard let standard = SchemaLoader().load([]).schema else { throw ExitStatus.invalidDefinitions.exitCode }
        let result = HubSpotImporter(standard: standard).importDefinitions(snapshot.sources)
        DiagnosticPrinter.print(result.diagnostics)
        guard !result.diagnostics.containsErrors else { throw ExitStatus.invalidDefinitions.exitCode }
        return result.documents
    }
}

/// `crmgen pull --output DIR [--force]`
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Write a portal's custom objects, custom properties and labels as definition files.",
        discussion: """
        Reads the portal (GET requests only): its custom object schemas, the custom properties of the \
        standard objects the definitions extend, the association labels of the pairs they \
        associate, and the portal's own options of enumerations each portal defines (deal \
        pipelines and stages, lifecycle stages: optionSource: portal); writes what 'crmgen import \
        hubspot' writes for the same responses. The token comes from HUBSPOT_ACCESS_TOKEN.

        Examples:
          HUBSPOT_ACCESS_TOKEN=… crmgen pull --output Definitions/custom --definitions Definitions
        """
    )

    @Option(help: ArgumentHelp("Folder for the definition files (created if missing).", valueName: "dir"))
    var output: String

    @Flag(help: "Overwrite definition files that exist.")
    var force = false

    @OptionGroup var portal: PortalOptions
    @OptionGroup var definitions: DefinitionOptions

    func validate() throws {
        if let problem = OutputFolder.problem(with: output, example: "Definitions/custom") { throw ValidationError(problem) }
    }

    func run() async throws {
        let client = try portal.client()
        let (schema, _) = try definitions.loadSchema()
        let snapshot: PortalSnapshot
        do {
            snapshot = try await PortalReader(client: client).read(for: schema, isBuiltIn: PortalComparison.isBuiltIn, includingPortalOptions: true)
        } catch {
            DiagnosticPrinter.print([.error("cannot read the portal: \(error)", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        try DefinitionFilesOutput(folder: output, force: force).write(try PortalComparison.documents(snapshot))
    }
}

/// `crmgen plan [--format text|json]`
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the requests that would bring a portal to the definitions; send none of them.",
        discussion: """
        Creates and safe updates (labels, descriptions, new options, display properties) come first; \
        destructive requests (deleting an object, a property, a label or an option; changing a type) \
        are listed apart and run only with 'crmgen apply --allow-destructive'. HubSpot's own properties \
        are never planned. --format json prints {"requests": [...], "destructive": [...]} with the \
        {method, path, body} objects 'crmgen export hubspot' writes. Exit status 0 whether or not \
        there is something to do.

        Examples:
          HUBSPOT_ACCESS_TOKEN=… crmgen plan --definitions Definitions
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var portal: PortalOptions
    @OptionGroup var definitions: DefinitionOptions

    func run() async throws {
        let client = try portal.client()
        let comparison = try await PortalComparison.make(definitions: definitions, client: client)
        switch format {
        case .json:
            let json = JSONValue.object([("requests", .array(comparison.plan.requests.map(\.json))),
                                         ("destructive", .array(comparison.plan.destructive.map(\.json)))])
            print(json.rendered())
        case .text:
            print(PlanText.render(comparison.plan, base: client.endpoint.baseURL.absoluteString))
        }
    }
}

/// `crmgen apply [--yes] [--allow-destructive]`
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Bring a portal to the definitions: run the plan.",
        discussion: """
        Reads the portal, plans as 'crmgen plan' does, shows the plan, and sends its requests in \
        order. Without --yes it asks on a terminal and refuses anywhere else (nothing is sent). \
        Destructive requests run only with --allow-destructive. The first request that fails stops \
        the run, with HubSpot's message; running apply again plans from the portal anew, so it \
        finishes the work and creates nothing twice.

        Examples:
          HUBSPOT_ACCESS_TOKEN=… crmgen apply --definitions Definitions
          HUBSPOT_ACCESS_TOKEN=… crmgen apply --yes --allow-destructive   # in CI, after review
        """
    )

    @Flag(help: "Apply without asking.")
    var yes = false

    @Flag(help: "Also run the destructive requests: deletes and type changes.")
    var allowDestructive = false

    @OptionGroup var portal: PortalOptions
    @OptionGroup var definitions: DefinitionOptions

    func run() async throws {
        let client = try portal.client()
        let comparison = try await PortalComparison.make(definitions: definitions, client: client)
        let plan = comparison.plan
        let requests = plan.requests + (allowDestructive ? plan.destructive : [])
        StandardError.write(PlanText.render(plan, base: client.endpoint.baseURL.absoluteString) + "\n")
        guard !requests.isEmpty else {
            if !plan.destructive.isEmpty {
                StandardError.write("crmgen: \(counted(plan.destructive.count, "destructive request")) not run (use --allow-destructive).\n")
            }
            return
        }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                DiagnosticPrinter.print([.error("not a terminal, so crmgen cannot ask; nothing was sent (run with --yes to apply without asking)", at: nil)])
                throw ExitStatus.invalidDefinitions.exitCode
            }
            StandardError.write("Send \(requests.count == 1 ? "this request" : "these \(requests.count) requests")? Type yes to go on: ")
            guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                StandardError.write("Nothing was sent.\n")
                throw ExitStatus.invalidDefinitions.exitCode
            }
        }
        do {
            try await PlanRunner(client: client).run(requests, typeIds: comparison.typeIds)
        } catch {
            DiagnosticPrinter.print([.error(error.description, at: nil)])
            StandardError.write("crmgen: the requests before it were sent; run crmgen apply again to finish.\n")
            throw ExitStatus.invalidDefinitions.exitCode
        }
        var summary = "Applied \(counted(requests.count, "request"))."
        if !allowDestructive, !plan.destructive.isEmpty { summary += " \(counted(plan.destructive.count, "destructive request")) \(plan.destructive.count == 1 ? "was" : "were") not run (use --allow-destructive)." }
        print(summary)
    }
}

/// A plan as people read it, after Terraform's: `+` create, `~` change, `-` destroy.
enum PlanText {
    static func render(_ plan: PortalPlan, base: String) -> String {
        guard !plan.isEmpty else { return "The portal matches the definitions: nothing to do." + notes(plan) }
        func line(_ request: HubSpotRequest) -> String {
            let sign = request.method == "POST" ? "+" : request.method == "DELETE" ? "-" : "~"
            return "  \(sign) \(request.method) \(request.path)  \(request.summary)"
        }
        var lines = ["crmgen plans \(counted(plan.requests.count, "request")) to \(base):"] + plan.requests.map(line)
        if !plan.destructive.isEmpty {
            lines += ["", "Destructive (run only with --allow-destructive):"] + plan.destructive.map(line)
        }
        let creates = plan.requests.filter { $0.method == "POST" }.count
        let changes = plan.requests.count - creates
        lines += ["", "Plan: \(creates) to create, \(changes) to change, \(plan.destructive.count) destructive."]
        return lines.map(Diagnostic.escaped).joined(separator: "\n") + notes(plan)
    }

    static func notes(_ plan: PortalPlan) -> String {
        plan.notes.map { "\nnote: " + Diagnostic.escaped($0) }.joined()
    }
}
