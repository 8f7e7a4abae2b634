import CRMModel
import Dispatch

/// Renders independent pieces of text on every core at once and returns them in order, so output
/// stays the same bytes whatever the number of cores. The generator renders files (and the objects
/// of `Registry.swift`) a batch at a time: a batch is held until it is handed on, nothing more.
enum ConcurrentRendering {
    /// Pieces rendered per batch: enough to keep every core busy, few enough to hold.
    static let batchSize = 16

    /// `render(0)`, `render(1)`, … `render(count - 1)`, each on whichever core is free.
    static func render(_ count: Int, _ render: @Sendable (Int) -> SourceBytes) -> [SourceBytes] {
        guard count > 1, UsableCores.count > 1 else { return (0..<count).map(render) }
        let results = Results(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(render(index), at: index)
        }
        return results.take()
    }

    /// Calls `render` for the indices of `range` a batch at a time and hands each batch's texts, in
    /// order, to `consume` before rendering the next.
    static func forEachBatch<Failure: Error>(_ range: Range<Int>, render: @Sendable (Int) -> SourceBytes,
                                             consume: (Int, SourceBytes) throws(Failure) -> Void) throws(Failure) {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + batchSize)
            let first = start
            let texts = Self.render(end - start) { render(first + $0) }
            for (offset, text) in texts.enumerated() {
                try consume(first + offset, text)
            }
            start = end
        }
    }

    /// One slot per piece, each written by exactly one iteration and read only after all have ended
    /// (`concurrentPerform` returns when every iteration has), so the slots need no lock.
    private final class Results: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<SourceBytes?>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func store(_ text: SourceBytes, at index: Int) {
            slots[index] = text
        }

        /// The texts, moved out of their slots (each stored by its iteration).
        func take() -> [SourceBytes] {
            slots.indices.map { slots[$0].take() ?? SourceBytes(capacity: 0) }
        }
    }
}
