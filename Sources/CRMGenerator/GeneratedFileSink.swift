/// Where ``SwiftGenerator/generate(_:into:)`` puts the files it renders, one at a time and each in
/// pieces: ``beginFile(named:)``, then ``write(_:)`` with the UTF-8 text as it grows (pieces of up to
/// about 64 KiB, and each object of `Registry.swift` or `StandardTypes.swift` as a piece of its own, so a
/// large registry arrives in many pieces), then ``endFile()`` — before the next file is rendered. A sink
/// that writes each piece out and lets it go keeps memory bounded whatever the number of objects. An
/// error a sink throws ends the generation at once.
public protocol GeneratedFileSink {
    associatedtype Failure: Error

    /// A file begins (`RoastBatch.swift`); the one before has ended.
    mutating func beginFile(named name: String) throws(Failure)
    /// The next piece of the current file's text, in UTF-8; pieces never split a line. The bytes are
    /// lent for the call only (the generator reuses its buffers): a sink that keeps them copies them.
    mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) throws(Failure)
    /// The current file is complete.
    mutating func endFile() throws(Failure)
}

/// Keeps every file whole, for callers that want them all (tests, tools that compare).
struct GeneratedFileCollector: GeneratedFileSink {
    typealias Failure = Never

    private(set) var files: [GeneratedFile] = []
    private var name = ""
    private var contents: [UInt8] = []

    mutating func beginFile(named name: String) {
        self.name = name
        contents = []
    }

    mutating func write(_ utf8: UnsafeBufferPointer<UInt8>) {
        contents.append(contentsOf: utf8)
    }

    mutating func endFile() {
        files.append(GeneratedFile(name: name, contents: String(decoding: contents, as: UTF8.self)))
    }
}

extension CodeWriter {
    /// Hands the text written so far to `sink` — always, or with `onlyIfFull` only once it has
    /// grown past ``CodeWriter/flushThreshold`` — and empties the buffer.
    mutating func handOn<Sink: GeneratedFileSink>(to sink: inout Sink, onlyIfFull: Bool = false) throws(Sink.Failure) {
        guard onlyIfFull ? isFull : !isEmpty else { return }
        try text.write(to: &sink)
        removeAll()
    }

    /// Hands on what the writer holds, then `lines` (whole lines that a writer made
    /// ``CodeWriter/init(indentedLike:)`` this one rendered elsewhere) as a piece of their own, as they
    /// were rendered rather than copied into this writer first.
    mutating func handOn<Sink: GeneratedFileSink>(to sink: inout Sink, then lines: SourceBytes) throws(Sink.Failure) {
        try handOn(to: &sink)
        try lines.write(to: &sink)
    }
}
