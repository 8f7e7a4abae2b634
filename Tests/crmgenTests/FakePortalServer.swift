import CRMHubSpot
import Foundation
import TestSupport

typealias PortalJSON = CRMHubSpot.JSONValue

/// ``FakeHubSpotPortal`` behind HTTP on 127.0.0.1 (``LoopbackHTTPServer``), for `crmgen pull`, `plan`
/// and `apply` run as a user runs them. It checks the Bearer token (401 otherwise, as HubSpot answers),
/// records every exchange, and misbehaves on request: rate limits, server errors, a failure at a chosen write.
final class FakePortalServer: @unchecked Sendable {
    /// One request as the server saw it.
    struct Exchange: Sendable {
        var method: String
        var path: String
        var status: Int
        var authorization: String?
        var body: String
        var time: Date

        var isWrite: Bool { method != "GET" }
    }

    /// A way to misbehave, used up as requests arrive.
    enum Fault: Sendable {
        /// The next `count` requests get 429 with these headers (`Retry-After`, HubSpot's rate-limit headers).
        case rateLimit(count: Int, headers: [String: String])
        /// The next request gets 429 with HubSpot's answer for its daily limit (`"policyName": "DAILY"`).
        case dailyLimit
        /// The next `count` GET requests get 502.
        case serverErrorOnReads(count: Int)
        /// The next GET gets 503 with these headers (`Retry-After`).
        case unavailableRead(headers: [String: String])
        /// The write with this 1-based number fails with `status` and HubSpot's error body; with `done`,
        /// the portal makes the change first (a write HubSpot did but answered with an error).
        case failWrite(number: Int, status: Int, done: Bool)
        /// Every error answer quotes the request's Authorization header back, as a careless proxy does.
        case echoAuthorization
        /// The next `count` GET requests are answered only after `seconds`.
        case slowReads(count: Int, seconds: Double)
        /// The next GET is answered `302 Found` with this `Location`.
        case redirectRead(location: String)
        /// The next GET is answered `200` with an empty body.
        case emptyRead
        /// The next GET is answered `200` with a body of this many bytes (the start of a JSON object that
        /// never ends), its length declared in the head or not.
        case oversizedRead(bytes: Int, declared: Bool)
        /// The next GET is answered `200` with `{"results": [{}, {}, …]}` of this many empty objects.
        case manyValuesRead(count: Int)
        /// The next GET is answered `200` with this JSON text.
        case readAnswer(String)
        /// The next GET's answer body (some 200 bytes) is sent a byte at a time, `pause` seconds apart.
        case trickleRead(pause: Double)
        /// The next write is answered `400` with a plain-text body that quotes the Authorization header
        /// after `padding` bytes (where crmgen's cut of an error body may fall inside the token).
        case plainErrorQuotingToken(padding: Int)
        /// The next object created is answered with this objectTypeId (`nil`: none) and name.
        case createdObjectAnswer(objectTypeId: String?, name: String?)
    }

    let portal = FakeHubSpotPortal()
    let token: String
    private var server: LoopbackHTTPServer?
    private let lock = NSLock()
    private var recorded: [Exchange] = []
    private var faults: [Fault] = []
    private var writeCount = 0

    init(token: String = "pat-na1-\(UUID().uuidString.lowercased())") {
        self.token = token
    }

    /// `http://127.0.0.1:PORT` once started.
    var baseURL: String { server.map { "http://127.0.0.1:\($0.port)" } ?? "" }

    /// Listens on a free port of 127.0.0.1 and answers until ``stop()``.
    func start() throws {
        // Weak: a request still in the handler when the test ends (a slow read that crmgen gave up on)
        // finishes after this object is gone.
        let server = try LoopbackHTTPServer { [weak self] request in
            self?.answer(request) ?? LoopbackHTTPServer.Response(status: 503)
        }
        self.server = server
        server.start()
    }

    func stop() {
        server?.stop()
    }

    /// A test that threw before ``stop()`` leaves no server answering behind it.
    deinit {
        server?.stop()
    }

    func inject(_ fault: Fault) {
        lock.withLock { faults.append(fault) }
    }

    func clearFaults() {
        lock.withLock { faults = [] }
    }

    var exchanges: [Exchange] { lock.withLock { recorded } }

    /// Forgets the exchanges so far (the portal keeps its state).
    func clearExchanges() {
        lock.withLock { recorded = [] }
    }

    /// The environment a command runs with: this process's, minus any real token, plus ours.
    func environment(token: String? = nil) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HUBSPOT_ACCESS_TOKEN"] = token ?? self.token
        return environment
    }

    /// Runs on the server's connection thread, so a slow read may simply sleep.
    private func answer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        let method = request.method
        let path = request.path
        let data = request.body
        let authorization = request.header("Authorization")
        if method == "GET", let delay = takeDelay() { Thread.sleep(forTimeInterval: delay) }
        func record(_ status: Int) {
            lock.withLock {
                recorded.append(Exchange(method: method, path: path, status: status, authorization: authorization,
                                         body: String(decoding: data, as: UTF8.self), time: Date()))
            }
        }
        if let fault = take({ fault in
            switch fault {
            case .plainErrorQuotingToken: method != "GET"
            case .trickleRead: method == "GET"
            default: false
            }
        }) {
            record(fault.isTrickle ? 200 : 400)
            if case .plainErrorQuotingToken(let padding) = fault {
                let body = Data((String(repeating: "x", count: padding) + "Authorization: \(authorization ?? "none")\n").utf8)
                return LoopbackHTTPServer.Response(status: 400, headers: [(name: "Content-Type", value: "text/plain")], body: body)
            }
            guard case .trickleRead(let pause) = fault else { return LoopbackHTTPServer.Response(status: 500) }
            return LoopbackHTTPServer.Response(status: 200, headers: [(name: "Content-Type", value: "application/json")],
                                               body: Data((#"{"results": [], "note": "a byte at a time"}"# + String(repeating: " ", count: 150)).utf8),
                                               pauseBetweenBytes: pause)
        }
        if method == "GET", let (size, declared) = takeOversize() {
            record(200)
            var body = Data(#"{"results": [{"name": ""#.utf8)
            body.append(Data(repeating: UInt8(ascii: "a"), count: max(0, size - body.count)))
            return LoopbackHTTPServer.Response(status: 200, headers: [(name: "Content-Type", value: "application/json")], body: body,
                                               omitsLength: !declared)
        }
        if method == "GET", case .readAnswer(let text)? = take({ if case .readAnswer = $0 { true } else { false } }) {
            record(200)
            return LoopbackHTTPServer.Response(status: 200, headers: [(name: "Content-Type", value: "application/json")], body: Data(text.utf8))
        }
        if method == "GET", case .manyValuesRead(let count)? = take({ if case .manyValuesRead = $0 { true } else { false } }) {
            record(200)
            let body = Data((#"{"results": ["# + Array(repeating: "{}", count: count).joined(separator: ",") + "]}").utf8)
            return LoopbackHTTPServer.Response(status: 200, headers: [(name: "Content-Type", value: "application/json")], body: body)
        }
        let (status, headers, body) = respond(method: method, path: path, authorization: authorization, data: data)
        record(status)
        var responseHeaders = headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        if body != nil { responseHeaders.append((name: "Content-Type", value: "application/json;charset=utf-8")) }
        return LoopbackHTTPServer.Response(status: status, headers: responseHeaders, body: body.map { Data($0.rendered().utf8) } ?? Data())
    }

    /// The first fault `matches` accepts, used up.
    private func take(_ matches: (Fault) -> Bool) -> Fault? {
        lock.withLock {
            guard let index = faults.firstIndex(where: matches) else { return nil }
            return faults.remove(at: index)
        }
    }

    private func takeOversize() -> (bytes: Int, declared: Bool)? {
        lock.withLock {
            guard let index = faults.firstIndex(where: { if case .oversizedRead = $0 { true } else { false } }),
                  case .oversizedRead(let bytes, let declared) = faults[index] else { return nil }
            faults.remove(at: index)
            return (bytes, declared)
        }
    }

    private func takeDelay() -> Double? {
        lock.withLock {
            for (index, fault) in faults.enumerated() {
                if case .slowReads(let count, let seconds) = fault, count > 0 {
                    faults[index] = .slowReads(count: count - 1, seconds: seconds)
                    return seconds
                }
            }
            return nil
        }
    }

    private func respond(method: String, path: String, authorization: String?, data: Data) -> (Int, [String: String], PortalJSON?) {
        lock.lock()
        defer { lock.unlock() }
        let echo = faults.contains { if case .echoAuthorization = $0 { true } else { false } }
        func error(_ status: Int, _ message: String, category: String) -> (Int, [String: String], PortalJSON?) {
            let text = echo ? "\(message) (Authorization: \(authorization ?? "none"))" : message
            return (status, [:], .object([("status", "error"), ("message", .string(text)), ("correlationId", "7d0b4c2e-0000-4000-8000-000000000000"),
                                          ("category", .string(category))]))
        }
        guard authorization == "Bearer \(token)" else {
            return error(401, "Authentication credentials not found. This API supports OAuth 2.0 authentication.", category: "INVALID_AUTHENTICATION")
        }
        for (index, fault) in faults.enumerated() {
            switch fault {
            case .rateLimit(let count, let headers) where count > 0:
                faults[index] = .rateLimit(count: count - 1, headers: headers)
                let (status, _, body) = error(429, "You have reached your secondly limit.", category: "RATE_LIMITS")
                return (status, headers, body)
            case .dailyLimit:
                faults.remove(at: index)
                return (429, [:], .object([("status", "error"), ("message", "You have reached your daily limit."), ("errorType", "RATE_LIMIT"),
                                           ("correlationId", "c033cdaa-2c40-4a64-ae48-b4cec88dad24"), ("policyName", "DAILY")]))
            case .unavailableRead(let headers) where method == "GET":
                faults.remove(at: index)
                let (status, _, body) = error(503, "Service unavailable", category: "SERVICE_UNAVAILABLE")
                return (status, headers, body)
            case .serverErrorOnReads(let count) where count > 0 && method == "GET":
                faults[index] = .serverErrorOnReads(count: count - 1)
                return error(502, "Bad gateway", category: "INTERNAL_ERROR")
            case .redirectRead(let location) where method == "GET":
                faults.remove(at: index)
                return (302, ["Location": location], nil)
            case .emptyRead where method == "GET":
                faults.remove(at: index)
                return (200, [:], nil)
            default:
                continue
            }
        }
        let body: PortalJSON?
        if data.isEmpty {
            body = nil
        } else {
            guard let parsed = try? PortalJSON.parse(data) else { return error(400, "Invalid input JSON", category: "VALIDATION_ERROR") }
            body = parsed
        }
        if method != "GET" {
            writeCount += 1
            for fault in faults {
                guard case .failWrite(let number, let status, let done) = fault, number == writeCount else { continue }
                if done { _ = portal.handle(method: method, path: path, body: body) }
                return error(status, "The portal could not do this right now (write \(number)).", category: "VALIDATION_ERROR")
            }
        }
        var response = portal.handle(method: method, path: path, body: body)
        if method == "POST", path == "/crm/v3/schemas", response.status < 300,
           let index = faults.firstIndex(where: { if case .createdObjectAnswer = $0 { true } else { false } }),
           case .createdObjectAnswer(let id, let name) = faults.remove(at: index) {
            var members: [(String, PortalJSON)] = [("labels", response.body?["labels"] ?? .null)]
            if let id { members.append(("objectTypeId", .string(id))) }
            if let name { members.append(("name", .string(name))) }
            response.body = .object(members)
        }
        if response.status >= 400, echo, let message = response.body?["message"]?.stringValue {
            return error(response.status, message, category: "VALIDATION_ERROR")
        }
        return (response.status, [:], response.body)
    }
}

extension FakePortalServer.Fault {
    var isTrickle: Bool { if case .trickleRead = self { true } else { false } }
}
