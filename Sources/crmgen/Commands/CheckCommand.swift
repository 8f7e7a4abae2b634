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
        ({"results": [...]}) or NDJSON (one record per line); files of any size are read as a \
        stream. One diagnostic per bad record, at the line where the record starts:

          records.ndjson:7: error: record 902: title: is required but has no value

        further problems of the same record follow as notes. A line that is not JSON is \
        reported and reading goes on. Exit status 1 when any record is bad.

        Examples:
          crmgen check roast_batch export.ndjson
          crmgen check contacts page-1.json page-2.json --definitions Definitions
        """
    )

    @Argument(help: "The records' object: name, label, objectTypeId or Swift type name.")
    var object: String

    @Argument(help: ArgumentHelp("Files of HubSpot record JSON.", valueName: "file"))
    var files: [String]

    @OptionGroup var definitions: DefinitionOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE of records") }
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("cannot read '\(file)'")
        }
    }

    func run() throws {
        let (schema, _) = try definitions.loadSchema()
        let object = try definitions.object(self.object, in: schema)
        let validator = DynamicValidator(object: object)
        var progress = Progress()
        var total = 0
        var bad = 0
        for file in files {
            let stream = try RecordStream(url: URL(fileURLWithPath: file))
            var index = 0
            for item in stream {
                index += 1
                total += 1
                progress.tick(total)
                let lines: [String]
                switch item {
                case .record(let record, let line):
                    let name = "record \(record.id ?? "#\(index)")"
                    lines = validator.validate(record).enumerated().map { position, issue in
                        "\(file):\(line): \(position == 0 ? "error" : "note"): \(name): \(issue)"
                    }
                case .notARecord, .notJSON, .tooLarge, .unreadable:
                    lines = ["\(file):\(item.line): error: \(item.problem ?? "")"]
                }
                if !lines.isEmpty {
                    bad += 1
                    progress.clear()
                    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                }
            }
        }
        progress.clear()
        print("\(total) records of '\(object.name)' checked: \(total - bad) valid, \(bad) bad.")
        if bad > 0 { throw ExitStatus.invalidDefinitions.exitCode }
    }
}

/// A count on standard error, refreshed twice a second, only when it is a terminal.
private struct Progress {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = Date()
    private var shown = false

    mutating func tick(_ count: Int) {
        guard enabled, count % 1000 == 0, Date().timeIntervalSince(last) > 0.5 else { return }
        last = Date()
        shown = true
        FileHandle.standardError.write(Data("\rchecked \(count) records…".utf8))
    }

    mutating func clear() {
        guard shown else { return }
        shown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
