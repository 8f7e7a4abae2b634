/// "did you mean" hints: the candidate closest to a misspelled name, if it is close enough.
public enum Suggestion {
    /// `"; did you mean 'fieldType'?"`, or `""` when nothing is close.
    public static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        guard let best = closest(to: word, among: candidates) else { return "" }
        return "; did you mean '\(best)'?"
    }

    /// Words longer than this get no suggestion: nobody misspells a name that long, and it bounds the work.
    static let maximumWordLength = 64

    /// The candidate with the smallest edit distance, ignoring case, within a third of the word's length.
    ///
    /// Cheap on large inputs: candidates whose length alone rules them out are skipped before any
    /// work, and the distance computation stops as soon as it must exceed the limit.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let length = word.utf8.count
        guard length <= maximumWordLength else { return nil }
        let target = Array(word.lowercased().unicodeScalars)
        let limit = max(1, min(3, target.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where abs(candidate.utf8.count - length) <= limit * 4 {  // UTF-8 bytes ≥ characters
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - target.count) <= limit else { continue }
            let distance = editDistance(target, other, limit: limit)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit; once every entry of a
    /// row exceeds `limit`, the answer is only known to be over it and `limit + 1` is returned.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](0...b.count)
        var beforePrevious = previousRow
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previousRow
            previousRow = row
            if limit != .max, let smallest = row.min(), smallest > limit { return limit + 1 }
        }
        return previousRow[b.count]
    }
}
