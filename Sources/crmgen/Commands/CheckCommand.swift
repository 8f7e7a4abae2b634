import ArgumentParser
import CRMDynamic
import CRMModel
import CRMRuntime
import CRMSchemaLoader
import Foundation

/// `crmgen check OBJECT FILE...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate HubSpot record JSON against an object's definition.",
        discussion: """
        Each FILE may hold a record object, a JSON array of records, a list response \
        ({"results": [...]}) or NDJSON (one record per line), or several of these one after \
        another; files of any size are read as a stream. One diagnostic per bad record, at the \
        line where the record starts:

          records.ndjson:7: error: record 902: title: is required but has no value

        further problems of the same record follow as notes. Input that is not a record is an \
        error too: text that is not JSON (reading goes on at the next line), a number or an array \
        where a record belongs, an object without "properties", a record larger than 16 MiB, \
        nesting deeper than 256 levels, an empty file. IDs, values and names from the files are \
        printed with control and bidirectional characters escaped as \\u{…}. Exit status 1 when \
        any record is bad or any input was not a record.

        Records are checked by one thread per core (--jobs); memory does not grow with the \
        input. A FILE of - is standard input (named <stdin> in diagnostics); from a pipe, each \
        diagnostic is printed as soon as its record has arrived.

        Examples:
          crmgen check roast_batch export.ndjson
          crmgen check contacts page-1.json page-2.json --definitions Definitions
          my-export --ndjson | crmgen check deals -
        """
    )

    @Argument(help: "The records' object: name, label, objectTypeId or Swift type name.")
    var object: String

    @Argument(help: ArgumentHelp("Files of HubSpot record JSON; - for standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Threads that check records (default: one per core the process may use). Diagnostics keep the input's order either way.",
        valueName: "n"))
    var jobs: Int?

    @OptionGroup var definitions: DefinitionOptions

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be from 1 to 256") }
        if files.isEmpty { throw ValidationError("give at least one FILE of records") }
        if files.filter({ $0 == Self.standardInput }).count > 1 { throw ValidationError("'-' (standard input) can be read once; give it once") }
        for file in files where file != Self.standardInput {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
            if exists, isFolder.boolValue { throw ValidationError("'\(Diagnostic.escaped(file))' is a folder; give files of records") }
            if !exists || !FileManager.default.isReadableFile(atPath: file) {
                throw ValidationError("cannot read '\(Diagnostic.escaped(file))'")
            }
        }
    }

    /// The FILE that means standard input.
    static let standardInput = "-"

    func run() throws {
        let (schema, _) = try definitions.loadSchema()
        let object = try definitions.object(self.object, in: schema)
        let validator = DynamicValidator(object: object)
        var progress = Progress()
        var tally = Tally()
        // Messages about input that arrives slowly (a pipe) are written as they come; about files, collected.
        var output = BufferedStandardError(buffering: files.allSatisfy(Self.isRegularFile))
        let style = DiagnosticStyle.current
        for argument in files {
            let stream: RecordStream
            let file = argument == Self.standardInput ? "<stdin>" : argument
            do {
                stream = argument == Self.standardInput ? .standardInput() : try RecordStream(url: URL(fileURLWithPath: file))
            } catch {
                tally.notRecords += 1
                DiagnosticPrinter.write(.error("cannot read the file: \(error.localizedDescription)", at: SourceLocation(file: file, line: 1)),
                                        style: style, to: &output)
                continue
            }
            var records = 0
            for result in RecordChecks(stream, validator: validator, jobs: jobs ?? UsableCores.count) {
                let place = SourceLocation(file: file, line: result.line)
                let diagnostic: Diagnostic
                switch result.outcome {
                case .valid:
                    records += 1
                    tally.checked += 1
                    progress.tick(tally.checked)
                    continue
                case .invalid(let id, let issues):
                    records += 1
                    tally.checked += 1
                    tally.bad += 1
                    progress.tick(tally.checked)
                    let name = "record \(id ?? "#\(records)")"
                    let first = issues.first.map { "\($0)" } ?? "invalid"
                    diagnostic = .error("\(name): \(first)", at: place, notes: issues.dropFirst().map { .note("\(name): \($0)", at: place) })
                case .notARecord(let problem):
                    tally.notRecords += 1
                    diagnostic = .error(problem, at: place)
                }
                progress.clear()
                DiagnosticPrinter.write(diagnostic, style: style, to: &output)
            }
        }
        output.flush()
        progress.clear()
        print(tally.summary(of: object.name))
        if tally.bad > 0 || tally.notRecords > 0 { throw ExitStatus.invalidDefinitions.exitCode }
    }
}

extension CheckCommand {
    /// Whether `file` (`-`: standard input) is a regular file, or a link to one: not a pipe, terminal or device.
    static func isRegularFile(_ file: String) -> Bool {
        var status = stat()
        let found = file == standardInput ? fstat(STDIN_FILENO, &status) : stat(file, &status)
        return found == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}

/// What check found: records checked and bad ones, and the parts of the input that were not records
/// (not JSON, not a record, too large), counted apart so the summary never calls unread input valid.
private struct Tally {
    var checked = 0
    var bad = 0
    var notRecords = 0

    func summary(of object: String) -> String {
        let records = "\(checked) \(checked == 1 ? "record" : "records") of '\(object)' checked"
        if checked == 0, notRecords == 0 { return records + ": the input holds none." }
        var text = records + ": \(checked - bad) valid, \(bad) bad"
        if notRecords > 0 {
            text += notRecords == 1 ? "; 1 part of the input was not a record" : "; \(notRecords) parts of the input were not records"
        }
        return text + "."
    }
}

/// A count on standard error, refreshed twice a second, only when it is a terminal.
private struct Progress {
    private let enabled = StandardError.isTerminal
    private var last = Date()
    private var shown = false

    mutating func tick(_ count: Int) {
        guard enabled, count % 1000 == 0, Date().timeIntervalSince(last) > 0.5 else { return }
        last = Date()
        shown = true
        StandardError.write("\rchecked \(count) records…")
    }

    mutating func clear() {
        guard shown else { return }
        shown = false
        StandardError.write("\r\u{1B}[K")
    }
}
