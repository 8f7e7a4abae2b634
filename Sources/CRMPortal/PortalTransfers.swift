import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs a ``PortalClient``'s requests as the delegate of its session, for two things a completion
/// handler cannot do:
///
/// - **No redirects.** An answer of 3xx is handed back as it is, never followed: URLSession would send
///   the same headers, the Bearer token among them, to whatever host the `Location` names, over plain
///   http too.
/// - **Bounded answers.** The body is taken as it arrives and the request cancelled once it passes
///   ``limit`` bytes, so an endless or enormous answer cannot fill the memory, or once
///   ``wholeAnswerTimeout`` has passed since it was sent, so an answer that trickles in a byte at a
///   time cannot hold crmgen forever (the session's own limit for a whole answer,
///   `timeoutIntervalForResource`, is not kept by every URLSession: Linux's waits on).
final class PortalTransfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// A whole answer.
    struct Answer {
        var data: Data
        var response: HTTPURLResponse
    }

    /// An answer larger than ``PortalTransfers/limit``, which was cancelled.
    struct TooLarge: Error {
        var limit: Int
    }

    /// An answer not whole within ``PortalTransfers/wholeAnswerTimeout``, which was cancelled.
    struct TimedOut: Error {
        var seconds: TimeInterval
    }

    /// An answer that is not HTTP.
    struct NotHTTP: Error {}

    private struct Pending {
        var continuation: CheckedContinuation<Answer, any Error>
        var task: URLSessionTask
        var data = Data()
        /// Why the answer is no longer wanted (``TooLarge``, ``TimedOut``): what the request throws.
        var refusal: (any Error)?

        /// Whether the answer is still wanted (neither too large nor too late).
        var isWanted: Bool { refusal == nil }

        /// Stops taking the answer, for `error`: the body read so far is dropped.
        mutating func refuse(_ error: any Error) {
            refusal = error
            data = Data()
        }
    }

    /// Most bytes of one answer's body.
    let limit: Int
    /// Longest time from sending a request to the end of its answer.
    let wholeAnswerTimeout: TimeInterval
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    init(limit: Int, wholeAnswerTimeout: TimeInterval) {
        self.limit = limit
        self.wholeAnswerTimeout = wholeAnswerTimeout
    }

    /// Sends `request` on `session` (whose delegate this is) and waits for the whole answer. Throws
    /// URLSession's error for a failed exchange, ``TooLarge``, ``TimedOut`` or ``NotHTTP``.
    func run(_ request: URLRequest, on session: URLSession) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: request)
            let id = task.taskIdentifier
            lock.withLock { pending[id] = Pending(continuation: continuation, task: task) }
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + wholeAnswerTimeout) { [self] in expire(id) }
        }
    }

    /// Cancels the request `id` if its answer has not ended yet.
    private func expire(_ id: Int) {
        let task = lock.withLock { () -> URLSessionTask? in
            guard pending[id]?.isWanted == true else { return nil }
            pending[id]?.refuse(TimedOut(seconds: wholeAnswerTimeout))
            return pending[id]?.task
        }
        task?.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    /// An answer that says it is larger than ``limit`` is refused before its body is read.
    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard response.expectedContentLength > Int64(limit) else { return completionHandler(.allow) }
        lock.withLock { pending[dataTask.taskIdentifier]?.refuse(TooLarge(limit: limit)) }
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let id = dataTask.taskIdentifier
        let cancel = lock.withLock { () -> Bool in
            guard let count = pending[id]?.data.count, pending[id]?.isWanted == true else { return false }
            guard count + data.count <= limit else {
                pending[id]?.refuse(TooLarge(limit: limit))
                return true
            }
            // In place: a copy of the entry taken out and put back would copy the body at every piece.
            pending[id]?.data.append(data)
            return false
        }
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let transfer = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let refusal = transfer.refusal {
            transfer.continuation.resume(throwing: refusal)
        } else if let error {
            transfer.continuation.resume(throwing: error)
        } else if let response = task.response as? HTTPURLResponse {
            transfer.continuation.resume(returning: Answer(data: transfer.data, response: response))
        } else {
            transfer.continuation.resume(throwing: NotHTTP())
        }
    }
}
