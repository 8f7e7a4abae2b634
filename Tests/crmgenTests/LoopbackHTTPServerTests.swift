import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The portal tests' server: what URLSession (libcurl) sends must arrive whole, and it must answer while
/// Swift's cooperative threads are all busy.
@Suite("The loopback HTTP server of the portal tests")
struct LoopbackHTTPServerTests {
    /// Echoes what arrived: `METHOD target` and the body.
    static func echo() throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer { request in
            LoopbackHTTPServer.Response(status: 200, headers: [(name: "X-Path", value: request.path)],
                                        body: Data("\(request.method) \(request.target)|".utf8) + request.body)
        }
        server.start()
        return server
    }

    @Test("a body by Content-Length, chunked, and after 100-continue; two requests on one connection")
    func bodies() throws {
        let server = try Self.echo()
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        let plain = try client.exchange("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        #expect(plain.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(plain)")
        #expect(plain.contains("X-Path: /a\r\n"), "the path without its query")
        #expect(plain.hasSuffix("\r\n\r\nPOST /a?b=1|hello"), "\(plain)")

        let chunked = try client.exchange("PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
        #expect(chunked.hasSuffix("PUT /c|abcde"), "\(chunked)")

        try client.write("PATCH /d HTTP/1.1\r\nexpect: 100-continue\r\ncontent-length: 2\r\n\r\n")
        #expect(try client.read(until: "\r\n\r\n") == "HTTP/1.1 100 Continue\r\n\r\n")
        let continued = try client.exchange("ok")
        #expect(continued.hasSuffix("PATCH /d|ok"), "\(continued)")
    }

    @Test("a malformed request ends its connection, and the server still answers others", arguments: [
        "GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nno colon here\r\n\r\n", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func malformed(request: String) throws {
        let server = try Self.echo()
        defer { server.stop() }
        let bad = try RawClient(port: server.port)
        try bad.write(request)
        #expect(try bad.readToEnd() == "", "closed without an answer")
        let good = try RawClient(port: server.port)
        #expect(try good.exchange("GET /ok HTTP/1.1\r\n\r\n").hasSuffix("GET /ok|"))
    }

    @Test("stop ends open connections and refuses new ones")
    func stopping() throws {
        let server = try Self.echo()
        let idle = try RawClient(port: server.port)
        #expect(try idle.exchange("GET / HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 200"))
        server.stop()
        #expect(try idle.readToEnd() == "")
        #expect(throws: (any Error).self) {
            let late = try RawClient(port: server.port)
            _ = try late.exchange("GET / HTTP/1.1\r\n\r\n")
        }
    }

    /// With FlyingFox the answer needed a cooperative thread: here every one of them waits until the answer
    /// has arrived, so a server that needed one would leave the client to its timeout.
    @Test("it answers while every cooperative thread is blocked")
    func answersWhileThePoolIsBlocked() async throws {
        let server = try Self.echo()
        defer { server.stop() }
        let width = ProcessInfo.processInfo.activeProcessorCount
        let allBlocked = DispatchSemaphore(value: 0)
        let answered = DispatchSemaphore(value: 0)
        let result = ResultBox()
        let client = Thread {
            // When the pool is narrower than the processor count, not all blockers start; those that do
            // hold every thread, which is what counts.
            for _ in 0..<width { _ = allBlocked.wait(timeout: .now() + 10) }
            do {
                let connection = try RawClient(port: server.port, timeout: 20)
                result.set(try connection.exchange("GET /while-blocked HTTP/1.1\r\n\r\n"))
            } catch {
                result.set("no answer: \(error)")
            }
            for _ in 0..<width { answered.signal() }
        }
        client.start()
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<width {
                group.addTask {
                    allBlocked.signal()
                    return answered.wait(timeout: .now() + 90) == .success
                }
            }
            for await released in group { #expect(released) }
        }
        #expect(result.value?.hasSuffix("GET /while-blocked|") == true, "\(result.value ?? "nothing")")
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?

    func set(_ value: String) {
        lock.withLock { if stored == nil { stored = value } }
    }

    var value: String? { lock.withLock { stored } }
}

/// A client that writes exactly the bytes given, to test what URLSession would not send.
private final class RawClient {
    struct Failure: Error { var what: String }

    let fd: Int32

    init(port: Int, timeout: Int = 20) throws {
        let fd = LoopbackSocket.make()
        guard fd >= 0 else { throw Failure(what: "socket") }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = LoopbackSocket.address(port: port)
        let connected = LoopbackSocket.withSockaddr(&address) { connect(fd, $0, $1) }
        guard connected == 0 else {
            close(fd)
            throw Failure(what: "connect")
        }
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    func write(_ text: String) throws {
        guard LoopbackSocket.sendAll(fd, Array(text.utf8)) else { throw Failure(what: "send") }
    }

    /// Reads until `marker` has arrived, or to the end of the connection.
    func read(until marker: String) throws -> String {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while !String(decoding: received, as: UTF8.self).hasSuffix(marker) {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { break }
            guard count > 0 else { throw Failure(what: "recv (timeout?)") }
            received.append(byte)
        }
        return String(decoding: received, as: UTF8.self)
    }

    func readToEnd() throws -> String { try read(until: "\u{0}never\u{0}") }

    /// Writes `request` and reads one response whole (by its Content-Length).
    func exchange(_ request: String) throws -> String {
        try write(request)
        let head = try read(until: "\r\n\r\n")
        guard head.hasSuffix("\r\n\r\n"),
              let line = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else {
            throw Failure(what: "no whole response: \(head)")
        }
        var body = [UInt8](repeating: 0, count: length)
        var received = 0
        while received < length {
            let count = body.withUnsafeMutableBytes { recv(fd, $0.baseAddress.map { $0 + received }, length - received, 0) }
            guard count > 0 else { throw Failure(what: "body") }
            received += count
        }
        return head + String(decoding: body, as: UTF8.self)
    }
}
