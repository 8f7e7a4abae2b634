import ArgumentParser
import CRMModel
import Foundation

/// `crmgen graph [OBJECT...] [--depth N] [--format mermaid|dot|svg]`
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the associations between objects: Mermaid (GitHub renders it), Graphviz DOT or SVG.",
        discussion: """
        With OBJECT names (API name, label or objectTypeId), draws those objects and the objects \
        within --depth associations of them (default 1; 0 draws only the named objects and the \
        associations between them). Without OBJECT, draws the definitions' own part of the model: \
        each custom object, and each object an extension file associates, with their neighbours; \
        when there are none (only standard objects), every object that has an association. --all \
        draws the whole model.

        Each association is drawn once, from the object that declares it, with its labels ("Cupper \
        / Tasting note": the label read from each side) and its cardinality as crow's feet: many \
        or one at each end, a circle when none is required, a bar when one is. The associations \
        HubSpot gives every custom object (calls, emails, meetings, notes, tasks, conversations) \
        are left out unless --implicit; then they are dashed. Output is sorted, so the same \
        definitions always give the same text.

        --format svg runs Graphviz's dot (dot -Tsvg), which must be on PATH.

        Examples:
          crmgen graph                                   # your custom objects and their neighbours
          crmgen graph deals --depth 2 --format dot | dot -Tpng > deals.png
          crmgen graph tasting_note --format svg > tasting_note.svg
          crmgen graph --definitions Examples/Roastery/Sources/Roastery >> README.md
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot, svg
    }

    @Argument(help: ArgumentHelp("Objects to draw, with their neighbours: API names, labels or objectTypeIds.", valueName: "object"))
    var objects: [String] = []

    @Option(help: ArgumentHelp("How many associations away from OBJECT to draw (0 or more).", valueName: "n"))
    var depth = 1

    @Option(help: "Output format: mermaid, dot or svg.")
    var format: Format = .mermaid

    @Flag(help: "Draw every object that has an association, not only your part of the model.")
    var all = false

    @Flag(help: "Also draw the associations HubSpot gives every custom object (dashed).")
    var implicit = false

    @OptionGroup var definitions: DefinitionOptions

    func validate() throws {
        if depth < 0 { throw ValidationError("--depth must be 0 or more, not \(depth)") }
        if all, !objects.isEmpty { throw ValidationError("--all draws every object; give either OBJECT names or --all") }
    }

    func run() throws {
        let (schema, _) = try definitions.loadSchema()
        let graph: AssociationGraph
        if all {
            graph = .whole(schema, implicit: implicit)
        } else if objects.isEmpty {
            graph = .overview(depth: depth, in: schema, implicit: implicit)
        } else {
            let roots = try objects.map { try definitions.object($0, in: schema).name }
            graph = .around(roots, depth: depth, in: schema, implicit: implicit)
        }
        switch format {
        case .mermaid: print(MermaidGraph.render(graph))
        case .dot: print(DotGraph.render(graph))
        case .svg: print(try Self.svg(DotGraph.render(graph) + "\n"), terminator: "")
        }
    }

    /// Graphviz's `dot -Tsvg` on the DOT text, run directly (an argument list, no shell); its
    /// messages go to standard error as they are.
    static func svg(_ dot: String) throws -> String {
        guard let executable = executable(named: "dot") else {
            DiagnosticPrinter.print([.error("--format svg needs Graphviz's 'dot' on PATH (apt-get install graphviz, brew install graphviz); "
                                            + "--format dot prints the graph for it", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-graph-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("graph.dot")
        let output = folder.appendingPathComponent("graph.svg")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(dot.utf8).write(to: input)
            let process = Process()
            process.executableURL = executable
            process.arguments = ["-Tsvg", "-o", output.path, input.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.standardError
            process.standardError = FileHandle.standardError
            try process.run()
            process.waitUntilExit()
            guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                let how = process.terminationReason == .exit ? "failed (exit status \(process.terminationStatus))" : "was killed by signal \(process.terminationStatus)"
                DiagnosticPrinter.print([.error("'\(executable.path) -Tsvg' \(how)", at: nil)])
                throw ExitStatus.invalidDefinitions.exitCode
            }
            guard let svg = try? Data(contentsOf: output) else {
                DiagnosticPrinter.print([.error("'\(executable.path) -Tsvg' ended without writing the SVG", at: nil)])
                throw ExitStatus.invalidDefinitions.exitCode
            }
            return String(decoding: svg, as: UTF8.self)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            DiagnosticPrinter.print([.error("cannot run '\(executable.path)': \(error.localizedDescription)", at: nil)])
            throw ExitStatus.invalidDefinitions.exitCode
        }
    }

    /// The first executable file of that name in a folder of PATH.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }
}
