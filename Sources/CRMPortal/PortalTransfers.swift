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
///   ``limit`` bytes, so an endless or enormous answer cannot fill the memory.
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

    /// An answer that is not HTTP.
    struct NotHTTP: Error {}

    private struct Pending {
        var continuation: CheckedContinuation<Answer, any Error>
        var data = Data()
        var isTooLarge = false
    }

    /// Most bytes of one answer's body.
    let limit: Int
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    /// Sends `request` on `session` (whose delegate this is) and waits for the whole answer. Throws
    /// URLSession's error for a failed exchange, ``TooLarge`` or ``NotHTTP``.
    func run(_ request: URLRequest, on session: URLSession) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: request)
            lock.withLock { pending[task.taskIdentifier] = Pending(continuation: continuation) }
            task.resume()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let id = dataTask.taskIdentifier
        let cancel = lock.withLock { () -> Bool in
            guard let count = pending[id]?.data.count, pending[id]?.isTooLarge == false else { return false }
            guard count + data.count <= limit else {
                pending[id]?.isTooLarge = true
                pending[id]?.data = Data()
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
        if transfer.isTooLarge {
            transfer.continuation.resume(throwing: TooLarge(limit: limit))
        } else if let error {
            transfer.continuation.resume(throwing: error)
        } else if let response = task.response as? HTTPURLResponse {
            transfer.continuation.resume(returning: Answer(data: transfer.data, response: response))
        } else {
            transfer.continuation.resume(throwing: NotHTTP())
        }
    }
}
