import Foundation
import Testing

/// `crmgen generate` is all-or-nothing: killed at any moment, run eight times at once, or out of
/// disk space, the output folder holds exactly the old files or exactly the new ones.
@Suite("crmgen generate, all or nothing", .serialized)
struct GenerateAtomicityTests {
    /// Two definition sets of `count` objects that differ in every file, and each one's output,
    /// generated once as the reference.
    struct Sets {
        let root: URL
        let a: URL
        let b: URL
        let referenceA: [String: Data]
        let referenceB: [String: Data]

        init(count: Int) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-atomic-\(UUID().uuidString)")
            a = root.appendingPathComponent("A")
            b = root.appendingPathComponent("B")
            for (folder, word) in [(a, "alpha"), (b, "beta")] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for index in 0..<count {
                    let name = String(format: "obj_%03d", index)
                    try Data("""
                    object: \(name)
                    kind: custom
                    labels: { singular: Obj \(index) \(word), plural: Objs \(index) \(word) }
                    primaryDisplayProperty: title
                    properties:
                      title: { label: Title \(word), type: string, fieldType: text, required: true }
                      score: { label: Score, type: number, fieldType: number, minimum: 0, maximum: 100 }
                      kind: { label: Kind, type: enumeration, fieldType: select, options: [a, b, c] }

                    """.utf8).write(to: folder.appendingPathComponent(name + ".yaml"))
                }
            }
            let outA = root.appendingPathComponent("reference-A")
            let outB = root.appendingPathComponent("reference-B")
            for (definitions, output) in [(a, outA), (b, outB)] {
                let result = try CommandRunner.run(Self.arguments(definitions, output, root: root))
                guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
            }
            referenceA = try Self.snapshot(outA)
            referenceB = try Self.snapshot(outB)
        }

        static func arguments(_ definitions: URL, _ output: URL, root: URL) -> [String] {
            ["generate", "--no-standard", "--definitions", definitions.path, "--output", output.path, "--source-root", root.path]
        }

        static func snapshot(_ folder: URL) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            return files
        }

        /// Entries beside the output folder other than the lock file: staging left by a killed run.
        func leftovers(beside output: URL) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
                $0.hasPrefix(".\(output.lastPathComponent).crmgen-") && !$0.hasSuffix("crmgen-lock")
            }
        }
    }

    /// Starts crmgen without waiting for it.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("kill -9 at random moments: the folder is always exactly the old set or exactly the new set")
    func killedAtRandom() throws {
        let sets = try Sets(count: 120)
        let output = sets.root.appendingPathComponent("Generated")
        #expect(try CommandRunner.run(Sets.arguments(sets.a, output, root: sets.root)).status == 0)

        // How long a run takes here, now, so that kills fall anywhere in it and after it. Measured again
        // every ten rounds: other tests share the machine and the time drifts.
        let clock = ContinuousClock()
        var window = 0
        var random = SystemRandomNumberGenerator()
        var outcomes = (old: 0, new: 0)
        for round in 0..<40 {
            if round % 10 == 0 {
                let duration = try clock.measure { _ = try CommandRunner.run(Sets.arguments(sets.a, output, root: sets.root)) }
                window = Int((Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12) * 2)
            }
            let current = try Sets.snapshot(output)
            let next = current == sets.referenceA ? sets.b : sets.a
            let process = try Self.start(Sets.arguments(next, output, root: sets.root))
            usleep(UInt32(Int.random(in: 0...max(1, window), using: &random)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try Sets.snapshot(output)
            let isOld = after == current
            let isNew = after == (next == sets.a ? sets.referenceA : sets.referenceB)
            #expect(isOld || isNew, "round \(round): the folder is a mix of \(after.count) files")
            if isOld { outcomes.old += 1 } else if isNew { outcomes.new += 1 }
        }
        // The next run clears whatever a killed run left beside the folder.
        #expect(try CommandRunner.run(Sets.arguments(sets.a, output, root: sets.root)).status == 0)
        #expect(try Sets.snapshot(output) == sets.referenceA)
        #expect(try sets.leftovers(beside: output) == [])
        #expect(outcomes.old > 0 && outcomes.new > 0, "kills fell both before and after the switch: \(outcomes)")
    }

    @Test("eight runs at once into one folder take turns: every run succeeds, the folder is one whole set")
    func concurrentRuns() throws {
        let sets = try Sets(count: 40)
        let output = sets.root.appendingPathComponent("Generated")
        let processes = try (0..<8).map { index in
            try Self.start(Sets.arguments(index % 2 == 0 ? sets.a : sets.b, output, root: sets.root))
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let after = try Sets.snapshot(output)
        #expect(after == sets.referenceA || after == sets.referenceB)
        #expect(try sets.leftovers(beside: output) == [])
    }

    @Test("staging left by a dead process is removed by the next run")
    func staleStaging() throws {
        let sets = try Sets(count: 2)
        let output = sets.root.appendingPathComponent("Generated")
        let stale = sets.root.appendingPathComponent(".Generated.crmgen-staging-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data(repeating: 0, count: 4096).write(to: stale.appendingPathComponent("Half.swift"))
        #expect(try CommandRunner.run(Sets.arguments(sets.a, output, root: sets.root)).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(try Sets.snapshot(output) == sets.referenceA)
    }

    @Test("a full disk: exit 1, the file and the operation named, the folder exactly as it was")
    func fullDisk() throws {
        // A 256 KiB file system of our own, in a user and mount namespace, so nothing else fills up.
        let sets = try Sets(count: 60)
        let small = sets.root.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: sets.a.appendingPathComponent("obj_000.yaml"), to: small.appendingPathComponent("obj_000.yaml"))
        let disk = sets.root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let crmgen = CommandRunner.executable.path
        let out = disk.appendingPathComponent("Generated").path
        let script = """
        set -u
        mount -t tmpfs -o size=256k tmpfs '\(disk.path)' || exit 90
        '\(crmgen)' generate --no-standard --definitions '\(small.path)' --output '\(out)' --source-root '\(sets.root.path)' >/dev/null || exit 91
        cp -R '\(out)' '\(sets.root.path)/before'
        '\(crmgen)' generate --no-standard --definitions '\(sets.b.path)' --output '\(out)' --source-root '\(sets.root.path)' 2>'\(sets.root.path)/stderr'
        echo "status $?"
        diff -r '\(out)' '\(sets.root.path)/before' >/dev/null && echo same
        ls -A '\(disk.path)'
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-rm", "sh", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "unshare/mount failed: status \(process.terminationStatus), \(printed)")
        let stderr = try String(contentsOf: sets.root.appendingPathComponent("stderr"), encoding: .utf8)
        #expect(printed.contains("status 1"), "\(printed)")
        #expect(printed.contains("same"), "the output changed: \(printed)")
        #expect(stderr.contains("No space left on device"), "\(stderr)")
        #expect(stderr.contains("cannot write '") || stderr.contains("cannot create '"), "the operation and the file are named: \(stderr)")
        #expect(stderr.contains("was not changed"), "\(stderr)")
        let entries = printed.split(separator: "\n").filter { !$0.hasPrefix("status") && $0 != "same" }
        #expect(Set(entries) == [".Generated.crmgen-lock", "Generated"], "no staging left on the full disk: \(entries)")
    }
}
