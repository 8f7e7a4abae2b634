import Foundation
import Testing

@testable import CRMModel

@Suite("Usable cores")
struct UsableCoresTests {
    @Test("the cores of Cpus_allowed are counted, whatever the mask's words and commas")
    func countsTheMask() {
        let status = "Name:\tcrmgen\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n"
        #expect(UsableCores.allowed(inStatus: status) == 2)
        #expect(UsableCores.allowed(inStatus: "Cpus_allowed:\t1\n") == 1)
        #expect(UsableCores.allowed(inStatus: "Cpus_allowed:\t8\n") == 1)
        #expect(UsableCores.allowed(inStatus: "Cpus_allowed:\tffffffff,ffffffff,00000001\n") == 65)
        #expect(UsableCores.allowed(inStatus: "Cpus_allowed:\tF0F\n") == 8)
    }

    @Test("no mask, an empty one or a damaged one leaves the count to the machine's")
    func refusesWhatIsNotAMask() {
        #expect(UsableCores.allowed(inStatus: "Name:\tcrmgen\nCpus_allowed_list:\t0-1\n") == nil)
        #expect(UsableCores.allowed(inStatus: "Cpus_allowed:\t0,00000000\n") == nil)
        #expect(UsableCores.allowed(inStatus: "Cpus_allowed:\t3g\n") == nil)
        #expect(UsableCores.allowed(inStatus: "") == nil)
    }

    #if os(Linux)
    @Test("this process's count is what nproc, which reads the same affinity, says")
    func agreesWithNproc() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nproc")
        let output = Pipe()
        process.standardOutput = output
        process.environment = [:]  // nproc also obeys OMP_NUM_THREADS
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let nproc = try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(UsableCores.count == min(nproc, ProcessInfo.processInfo.activeProcessorCount))
        #expect(UsableCores.allowedByAffinity() == nproc)
    }
    #endif
}
