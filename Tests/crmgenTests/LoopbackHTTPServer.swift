import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests: `Content-Length` and chunked request bodies,
/// `Expect: 100-continue`, keep-alive connections.
///
/// It accepts and answers on threads of its own, never on Swift's cooperative pool. On a 2-core machine
/// that pool has two threads; a server that needs one of them to answer stalls whenever other tests keep
/// both busy (CPU-bound work, a sanitizer's slowdown), and the `crmgen` children waiting on it time out.
final class LoopbackHTTPServer: @unchecked Sendable {
    /// A request as it arrived; `path` is the target without its query.
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var body: Data

        var path: String { String(target.prefix { $0 != "?" }) }

        /// The first header of this name, compared without regard to case.
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    struct Response: Sendable {
        var status: Int
        var headers: [(name: String, value: String)] = []
        var body = Data()
        /// Seconds between the body's bytes, for an answer that trickles in; `nil` sends it at once.
        var pauseBetweenBytes: Double?
        /// Whether the head leaves out `Content-Length`: the body then ends when the connection closes.
        var omitsLength = false
    }

    enum Failure: Error, CustomStringConvertible {
        case socket(String, Int32)

        var description: String {
            switch self {
            case .socket(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Called on a connection's thread, one request at a time per connection; it may block.
    typealias Handler = @Sendable (Request) -> Response

    /// The port the server listens on (chosen by the system).
    let port: Int

    private let handler: Handler
    private let listener: Int32
    private let lock = NSLock()
    private var open: Set<Int32> = []
    private var stopped = false
    private var listenerClosed = false

    /// Binds to 127.0.0.1 on a free port and listens; ``start()`` begins accepting.
    init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = LoopbackSocket.make()
        guard fd >= 0 else { throw Failure.socket("socket", errno) }
        var address = LoopbackSocket.address(port: 0)
        let bound = LoopbackSocket.withSockaddr(&address) { bind(fd, $0, $1) }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            throw Failure.socket("bind/listen", code)
        }
        let named = LoopbackSocket.withSockaddr(&address) { name, length in
            var length = length
            return getsockname(fd, name, &length)
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw Failure.socket("getsockname", code)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Accepts connections on a thread of its own until ``stop()``.
    func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "LoopbackHTTPServer accept"
        thread.start()
    }

    /// Stops accepting and ends every open connection; threads in the handler finish their request.
    func stop() {
        // shutdown wakes a thread blocked in accept or recv; each loop then closes its own descriptor. Under the
        // lock, so that no descriptor is shut down after its loop closed it (its number may belong to another by then).
        lock.withLock {
            stopped = true
            if !listenerClosed { shutdown(listener, Int32(SHUT_RDWR)) }
            for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if lock.withLock({ stopped }) { break }
                // EINTR, a connection aborted before it was accepted, or out of descriptors for a moment.
                usleep(1_000)
                continue
            }
            let accepted = lock.withLock {
                guard !stopped else { return false }
                open.insert(fd)
                return true
            }
            guard accepted else {
                close(fd)
                break
            }
            let thread = Thread { [self] in serve(fd) }
            thread.name = "LoopbackHTTPServer connection"
            thread.start()
        }
        lock.withLock {
            listenerClosed = true
            close(listener)
        }
    }

    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var reader = RequestReader(fd: fd)
        while let request = reader.next(continuing: { LoopbackSocket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }) {
            let response = handler(request)
            let closing = request.header("Connection")?.lowercased() == "close" || response.omitsLength
            let bytes = Self.bytes(of: response, closing: closing)
            // A trickling answer: the head at once, then the body a byte at a time.
            let sent = response.pauseBetweenBytes.map { pause in
                LoopbackSocket.sendAll(fd, Array(bytes.dropLast(response.body.count))) && response.body.allSatisfy { byte in
                    Thread.sleep(forTimeInterval: pause)
                    return LoopbackSocket.sendAll(fd, [byte])
                }
            } ?? LoopbackSocket.sendAll(fd, bytes)
            guard sent, !closing else { break }
        }
        lock.withLock { _ = open.remove(fd) }
        close(fd)
    }

    private static func bytes(of response: Response, closing: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(phrase(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if !response.omitsLength { head += "Content-Length: \(response.body.count)\r\n" }
        if closing { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8) + response.body
    }

    private static func phrase(_ status: Int) -> String {
        [100: "Continue", 200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
         404: "Not Found", 409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
         503: "Service Unavailable"][status] ?? "Status"
    }
}

/// What the server and the tests' raw client share: a TCP socket, the address 127.0.0.1, and writing.
enum LoopbackSocket {
    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0  // Darwin: SO_NOSIGPIPE is set on each connection instead (serve).
    #endif

    /// A new TCP socket, or -1 (`errno` says why).
    static func make() -> Int32 {
        #if canImport(Glibc)
        socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    /// 127.0.0.1:`port`; port 0 lets `bind` choose.
    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// `address` as the `sockaddr` and length that `bind`, `connect` and `getsockname` take.
    static func withSockaddr<Result>(_ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// Writes all of `bytes`; false when the peer has gone. MSG_NOSIGNAL: a closed peer must not raise
    /// SIGPIPE in the test process.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress.map { $0 + sent }, buffer.count - sent, noSignal)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}

/// Reads requests one after another from a keep-alive connection.
private struct RequestReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private static let headLimit = 1 << 20

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next whole request, or nil at the end of the connection or on a malformed one.
    /// `continuing` is called when the client waits for `100 Continue` before its body.
    mutating func next(continuing: () -> Void) -> LoopbackHTTPServer.Request? {
        var headEnd: Int?
        while true {
            if let end = find([13, 10, 13, 10]) {
                headEnd = end
                break
            }
            guard buffer.count < Self.headLimit, fill() else { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var request = LoopbackHTTPServer.Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: Data())
        if request.header("Expect")?.lowercased() == "100-continue" { continuing() }
        if request.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            guard let body = chunkedBody() else { return nil }
            request.body = body
        } else if let length = request.header("Content-Length").flatMap({ Int($0) }) {
            guard length >= 0, let body = take(length) else { return nil }
            request.body = Data(body)
        }
        return request
    }

    private mutating func chunkedBody() -> Data? {
        var body = Data()
        while true {
            guard let line = takeLine(), let size = Int(line.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces), radix: 16),
                  size >= 0 else { return nil }
            if size == 0 {
                // Trailers, if any, end with an empty line.
                while let trailer = takeLine(), !trailer.isEmpty {}
                return body
            }
            guard let chunk = take(size), takeLine() == "" else { return nil }
            body.append(contentsOf: chunk)
        }
    }

    private mutating func takeLine() -> String? {
        while true {
            if let end = find([13, 10]) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            guard buffer.count < Self.headLimit, fill() else { return nil }
        }
    }

    private mutating func take(_ count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        let taken = Array(buffer[..<count])
        buffer.removeFirst(count)
        return taken
    }

    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for start in 0...(buffer.count - pattern.count) where buffer[start] == pattern[0] {
            if buffer[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
        }
        return nil
    }

    /// Reads what has arrived; false at the end of the connection, on an error or after the receive timeout.
    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}
