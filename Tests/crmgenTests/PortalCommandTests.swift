import CRMHubSpot
import Foundation
import TestSupport
import Testing

/// `crmgen pull`, `plan` and `apply` as a user runs them, against ``FakePortalServer`` on
/// 127.0.0.1. No test sends anything to another host: refusals are tested at the URL check, inside
/// a namespace without a network when the machine allows one.
@Suite("crmgen pull, plan and apply against a loopback portal")
struct PortalCommandTests {
    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/crmgenTests/Fixtures/portal")
    static let full = fixtures.appendingPathComponent("full").path
    static let partial = fixtures.appendingPathComponent("partial").path

    /// A folder without `Definitions/`, so that only `--definitions` counts.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs crmgen against `server` with its token (or `token`).
    func crmgen(_ arguments: [String], _ server: FakePortalServer, token: String? = nil, input: String? = nil) async throws -> ProcessRunner.Output {
        try await ProcessRunner.run(CommandRunner.executable, arguments + ["--base-url", server.baseURL], in: try folder(),
                                    environment: server.environment(token: token), input: input)
    }

    func withServer(_ body: (FakePortalServer) async throws -> Void) async throws {
        let server = FakePortalServer()
        try server.start()
        defer { server.stop() }
        try await body(server)
    }

    /// `METHOD path` of each request a `--format json` plan lists, and of its destructive ones.
    func planned(_ output: ProcessRunner.Output) throws -> (requests: [String], destructive: [String]) {
        let json = try JSONValue.parse(Data(output.stdout.utf8))
        func lines(_ key: String) -> [String] {
            guard case .array(let items)? = json[key] else { return ["no \(key)"] }
            return items.map { "\($0["method"]?.stringValue ?? "?") \($0["path"]?.stringValue ?? "?")" }
        }
        return (lines("requests"), lines("destructive"))
    }

    func writes(_ server: FakePortalServer) -> [String] {
        server.exchanges.filter(\.isWrite).map { "\($0.method) \($0.path)" }
    }

    // MARK: plan and apply

    @Test("on an empty portal, plan lists what export writes; apply sends it; then plan is empty and a second apply writes nothing")
    func applyThenPlanIsEmpty() async throws {
        try await withServer { server in
            let plan = try await crmgen(["plan", "--format", "json", "--definitions", Self.full], server)
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(writes(server).isEmpty, "plan sends no write")
            let export = try await ProcessRunner.run(CommandRunner.executable, ["export", "hubspot", "--definitions", Self.full], environment: nil)
            // Standard objects' new properties are planned after the new objects; otherwise the same requests.
            func bodies(_ json: JSONValue?) -> [String] {
                guard case .array(let items)? = json else { return [] }
                return items.map { $0.rendered() }.sorted()
            }
            #expect(bodies(try JSONValue.parse(Data(plan.stdout.utf8))["requests"]) == bodies(try JSONValue.parse(Data(export.stdout.utf8))),
                    "the same {method, path, body} objects as export hubspot")
            let (requests, destructive) = try planned(plan)
            #expect(destructive.isEmpty)

            let apply = try await crmgen(["apply", "--yes", "--definitions", Self.full], server)
            #expect(apply.status == 0, "\(apply.stderr)")
            #expect(apply.stdout == "Applied \(requests.count) requests.\n")
            let ids = server.portal.customObjectTypeIds
            let expected = requests.map { line in ids.reduce(line) { $0.replacingOccurrences(of: "p_\($1.key)", with: $1.value) } }
            #expect(writes(server) == expected, "the planned requests, in order, with the ids HubSpot gave the new objects")
            #expect(server.exchanges.allSatisfy { $0.status < 400 })

            let again = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(again.status == 0)
            #expect(again.stdout == "The portal matches the definitions: nothing to do.\n", "\(again.stdout)")
            let json = try await crmgen(["plan", "--format", "json", "--definitions", Self.full], server)
            #expect(try planned(json) == ([], []))

            server.clearExchanges()
            let second = try await crmgen(["apply", "--yes", "--definitions", Self.full], server)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(!server.exchanges.isEmpty && writes(server).isEmpty, "a second apply reads and sends no write")
        }
    }

    @Test("one request is one request: plan, the question and apply's summary speak of it in the singular")
    func singular() async throws {
        try await withServer { server in
            #expect(try await crmgen(["apply", "--yes", "--definitions", Self.full], server).status == 0)
            // The same definitions with one label changed: one PATCH.
            let folder = try folder()
            for name in ["contacts.yaml", "green_lot.yaml", "roast_batch.yaml"] {
                var text = try String(contentsOfFile: Self.full + "/" + name, encoding: .utf8)
                if name == "green_lot.yaml" { text = text.replacingOccurrences(of: "label: Origin country", with: "label: Country of origin") }
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let plan = try await crmgen(["plan", "--definitions", folder.path], server)
            #expect(plan.stdout.hasPrefix("crmgen plans 1 request to "), "\(plan.stdout)")
            let apply = try await crmgen(["apply", "--yes", "--definitions", folder.path], server)
            #expect(apply.stdout == "Applied 1 request.\n", "\(apply.stdout)")
        }
    }

    @Test("plan lists exactly what the portal lacks; removals are destructive and run only with --allow-destructive")
    func planListsExactlyWhatIsMissing() async throws {
        try await withServer { server in
            let seeded = try await crmgen(["apply", "--yes", "--definitions", Self.partial], server)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let batch = try #require(server.portal.customObjectTypeIds["roast_batch"])
            let missing = try planned(try await crmgen(["plan", "--format", "json", "--definitions", Self.full], server))
            #expect(missing.requests.sorted() == [
                "PATCH /crm/v3/properties/\(batch)/roast_level",
                "PATCH /crm/v3/properties/contacts/preferred_roast",
                "POST /crm/v3/properties/\(batch)",
                "POST /crm/v4/associations/\(batch)/0-1/labels",
            ])
            #expect(missing.destructive == [])
            let text = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(text.stdout.contains("+ POST /crm/v3/properties/\(batch)  create the property tasting_notes of roast_batch"), "\(text.stdout)")
            #expect(text.stdout.contains("Plan: 2 to create, 2 to change, 0 destructive."), "\(text.stdout)")
            #expect(text.stdout.contains("~ PATCH /crm/v3/properties/\(batch)/roast_level  update the property roast_level of roast_batch: options (adds dark)"))

            #expect(try await crmgen(["apply", "--yes", "--definitions", Self.full], server).status == 0)
            let removals = try planned(try await crmgen(["plan", "--format", "json", "--definitions", Self.partial], server))
            #expect(removals.requests == [])
            let removalText = try await crmgen(["plan", "--definitions", Self.partial], server).stdout
            #expect(removalText.contains("~ PATCH /crm/v3/properties/contacts/preferred_roast  update the property preferred_roast of contacts: options (removes dark)"),
                    "\(removalText)")
            #expect(removalText.contains("Plan: 0 to create, 0 to change, 5 destructive."))
            let labelId = try #require(removals.destructive.first { $0.hasPrefix("DELETE /crm/v4/associations/\(batch)") }?.split(separator: "/").last)
            let inverseId = try #require(Int(labelId)) + 1
            #expect(removals.destructive.sorted() == [
                "DELETE /crm/v3/properties/\(batch)/tasting_notes",
                "DELETE /crm/v4/associations/0-1/\(batch)/labels/\(inverseId)",
                "DELETE /crm/v4/associations/\(batch)/0-1/labels/\(labelId)",
                "PATCH /crm/v3/properties/\(batch)/roast_level",
                "PATCH /crm/v3/properties/contacts/preferred_roast",
            ])

            server.clearExchanges()
            let withheld = try await crmgen(["apply", "--yes", "--definitions", Self.partial], server)
            #expect(withheld.status == 0)
            #expect(withheld.stderr.contains("5 destructive requests not run (use --allow-destructive)"), "\(withheld.stderr)")
            #expect(writes(server).isEmpty)
            let destroyed = try await crmgen(["apply", "--yes", "--allow-destructive", "--definitions", Self.partial], server)
            #expect(destroyed.status == 0, "\(destroyed.stderr)")
            #expect(writes(server).count == 5, "the second side of the paired label answers 404, which apply counts as done")
            let after = try await crmgen(["plan", "--definitions", Self.partial], server)
            #expect(after.stdout == "The portal matches the definitions: nothing to do.\n", "\(after.stdout)")
        }
    }

    @Test("apply refuses to run without --yes when it cannot ask: nothing is sent")
    func refusedApplySendsNothing() async throws {
        try await withServer { server in
            for input in [nil, "yes\n"] {
                let refused = try await crmgen(["apply", "--definitions", Self.full], server, input: input)
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("not a terminal, so crmgen cannot ask; nothing was sent"), "\(refused.stderr)")
                #expect(writes(server).isEmpty)
            }
            #expect(server.portal.customObjectTypeIds.isEmpty)
        }
    }

    @Test("a failed request stops apply with HubSpot's message; apply again finishes and creates nothing twice",
          arguments: [(3, 500, false), (1, 500, true), (2, 409, false)])
    func failureThenRerun(number: Int, status: Int, done: Bool) async throws {
        try await withServer { server in
            let total = try planned(try await crmgen(["plan", "--format", "json", "--definitions", Self.full], server)).requests.count
            server.inject(.failWrite(number: number, status: status, done: done))
            let failed = try await crmgen(["apply", "--yes", "--definitions", Self.full], server)
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("request \(number) of \(total) failed"), "\(failed.stderr)")
            #expect(failed.stderr.contains("The portal could not do this right now (write \(number))."), "HubSpot's message: \(failed.stderr)")
            #expect(failed.stderr.contains("run crmgen apply again to finish"))
            #expect(writes(server).count == number, "nothing after the failure, and the failed write not repeated")

            server.clearExchanges()
            let rerun = try await crmgen(["apply", "--yes", "--definitions", Self.full], server)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(server.exchanges.allSatisfy { $0.status < 400 }, "no duplicate create: \(server.exchanges.filter { $0.status >= 400 }.map(\.path))")
            #expect(try await crmgen(["plan", "--definitions", Self.full], server).stdout.hasPrefix("The portal matches the definitions"))
            #expect(server.portal.customObjectTypeIds.keys.sorted() == ["green_lot", "roast_batch"])
        }
    }

    // MARK: pull

    @Test("pull writes what import hubspot writes for the same responses, and the portal then matches what was pulled")
    func pullEqualsImport() async throws {
        try await withServer { server in
            #expect(try await crmgen(["apply", "--yes", "--definitions", Self.full], server).status == 0)
            // This portal's own deal stages; its lifecycle stages are HubSpot's.
            server.portal.setPortalOptions(object: "deals", property: "dealstage", label: "Deal Stage", fieldType: "radio",
                                           options: [("71234567", "Green coffee quoted"), ("71234568", "Sample roasted"), ("closedwon", "Closed won")])
            server.clearExchanges()
            let pulled = try folder().appendingPathComponent("Definitions")
            let pull = try await crmgen(["pull", "--output", pulled.path, "--definitions", Self.full], server)
            #expect(pull.status == 0, "\(pull.stderr)")
            #expect(writes(server).isEmpty)

            // The same responses, saved as files and given to import.
            let responses = try folder()
            var sources: [String] = []
            for (index, exchange) in server.exchanges.enumerated() where !exchange.path.hasSuffix("/groups") {
                let file = "response-\(index).json"
                let answer = try #require(server.portal.handle(method: "GET", path: exchange.path, body: nil).body)
                try answer.data.write(to: responses.appendingPathComponent(file))
                let parts = exchange.path.split(separator: "/").map(String.init)
                switch parts.count {
                case 3: sources.append(file)
                case 4: sources.append("\(parts[3])=\(file)")
                default: sources.append("\(parts[3]):\(parts[4])=\(file)")
                }
            }
            let imported = try folder().appendingPathComponent("Definitions")
            let importRun = try await ProcessRunner.run(CommandRunner.executable, ["import", "hubspot"] + sources + ["--output", imported.path],
                                                        in: responses, environment: nil)
            #expect(importRun.status == 0, "\(importRun.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: pulled.path).sorted()
            #expect(names == ["contacts.yaml", "deals.yaml", "green_lot.yaml", "roast_batch.yaml"])
            #expect(try String(contentsOf: pulled.appendingPathComponent("deals.yaml"), encoding: .utf8) == """
                # The portal's own options of HubSpot's deals, imported by crmgen import hubspot.
                object: deals
                kind: extension
                properties:
                  dealstage:
                    options:
                      - { value: "71234567", label: Green coffee quoted }
                      - { value: "71234568", label: Sample roasted }
                      - { value: closedwon, label: Closed won }

                """)
            #expect(try FileManager.default.contentsOfDirectory(atPath: imported.path).sorted() == names)
            for name in names {
                #expect(try Data(contentsOf: pulled.appendingPathComponent(name)) == Data(contentsOf: imported.appendingPathComponent(name)), "\(name)")
            }
            let roundTrip = try await crmgen(["plan", "--definitions", pulled.path], server)
            #expect(roundTrip.stdout == "The portal matches the definitions: nothing to do.\n", "\(roundTrip.stdout)\(roundTrip.stderr)")

            let again = try await crmgen(["pull", "--output", pulled.path, "--definitions", Self.full], server)
            #expect(again.status == 1)
            #expect(again.stderr.contains("already in"), "pull never overwrites without --force")
        }
    }

    // MARK: Connection

    @Test("the token is never printed, not even when the server quotes it back; a wrong token is a clear 401")
    func tokenNeverInOutput() async throws {
        try await withServer { server in
            server.inject(.echoAuthorization)
            let wrongToken = "pat-na1-wrong-\(UUID().uuidString)"
            let refused = try await crmgen(["plan", "--verbose", "--definitions", Self.full], server, token: wrongToken)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("401"), "\(refused.stderr)")
            #expect(refused.stderr.contains("Authentication credentials not found"))
            #expect(server.exchanges.contains { $0.authorization == "Bearer \(wrongToken)" }, "the token went in the header")
            var outputs = [refused]
            server.inject(.failWrite(number: 2, status: 400, done: false))
            for arguments in [["plan", "--verbose"], ["apply", "--yes", "--verbose"], ["apply", "--yes"], ["pull", "--verbose", "--output", try folder().path]] {
                outputs.append(try await crmgen(arguments + ["--definitions", Self.full], server))
            }
            #expect(outputs[2].status == 1 && outputs[2].stderr.contains("[redacted]"), "the echoed header is redacted: \(outputs[2].stderr)")
            for output in outputs {
                for secret in [server.token, wrongToken] {
                    #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
                }
            }
            #expect(outputs[1].stderr.contains("GET /crm/v3/schemas 200"), "--verbose logs requests: \(outputs[1].stderr)")
        }
    }

    @Test("a redirect is reported, never followed: the token goes to the base URL and nowhere else")
    func redirectNotFollowed() async throws {
        try await withServer { server in
            // Another name for this machine, as an attacker's Location would name another host.
            let port = try #require(URL(string: server.baseURL)?.port)
            server.inject(.redirectRead(location: "http://localhost:\(port)/hop/crm/v3/schemas"))
            let output = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(output.status == 1, "\(output.stderr)")
            #expect(output.stderr.contains("302") && output.stderr.contains("crmgen does not follow redirects"), "\(output.stderr)")
            #expect(server.exchanges.map(\.path) == ["/crm/v3/schemas"], "one request, to the base URL: \(server.exchanges.map(\.path))")
            #expect(!output.stderr.contains(server.token))
        }
    }

    @Test("an empty answer to a read is an error, not an empty portal that plan would fill again")
    func emptyReadRefused() async throws {
        try await withServer { server in
            server.inject(.emptyRead)
            let output = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
            #expect(output.stderr.contains("GET /crm/v3/schemas: 200 OK: the answer is empty"), "\(output.stderr)")
        }
    }

    @Test("an answer larger than crmgen's limit is cut off and reported, not held")
    func oversizedAnswerCutOff() async throws {
        try await withServer { server in
            // Its length declared (refused at the head) or not (cut off as it streams in).
            for declared in [true, false] {
                server.clearExchanges()
                server.inject(.oversizedRead(bytes: 64 << 20 + 4_096, declared: declared))
                let output = try await crmgen(["plan", "--definitions", Self.full], server)
                #expect(output.status == 1, "\(output.stderr)")
                #expect(output.stderr.contains("the answer is larger than 67108864 bytes"), "\(output.stderr)")
                #expect(server.exchanges.count == 1, "a GET cut off is not tried again")
            }
        }
    }

    @Test("a read answered with anything but {\"results\": [...]} is an error, not a portal without custom objects", arguments: ["[]", "{}", #"{"results": null}"#])
    func collectionShapeRequired(answer: String) async throws {
        try await withServer { server in
            server.inject(.readAnswer(answer))
            let plan = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(plan.status == 1, "\(answer): \(plan.stdout)\(plan.stderr)")
            #expect(plan.stderr.contains("the answer is not {\"results\": [...]}"), "\(plan.stderr)")
        }
    }

    // A million values take two minutes under ThreadSanitizer and hold no concurrency; the plain suite runs it.
    @Test("an answer of more JSON values than any HubSpot answer holds is refused before it is parsed",
          .disabled(if: ProcessInfo.processInfo.environment["CRMGEN_SANITIZER"] == "thread"))
    func tooManyValuesRefused() async throws {
        try await withServer { server in
            server.inject(.manyValuesRead(count: JSONValue.maximumValueCount))
            let output = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(output.status == 1, "\(output.stderr)")
            #expect(output.stderr.contains("holds more than 1048576 JSON values"), "\(output.stderr)")
        }
    }

    @Test("plain http to anything but this machine, and URLs with credentials, are refused before connecting",
          arguments: ["http://example.com", "http://10.0.0.1:8080", "http://127.0.0.1.nip.io", "http://localhost.example.com",
                      "http://user:secret@127.0.0.1:9", "ftp://127.0.0.1", "https://api.hubapi.com?x=1", "not a url", "http://[::2]"])
    func nonLoopbackRefused(url: String) async throws {
        // Inside a namespace with no network when the machine allows one, so a regression cannot reach anything.
        let isolated = (try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/unshare"), ["-rn", "true"]))?.status == 0
        let command = [CommandRunner.executable.path, "plan", "--base-url", url, "--definitions", Self.full]
        let output = isolated
            ? try await ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/unshare"), ["-rn"] + command, in: try folder(),
                                          environment: ["HUBSPOT_ACCESS_TOKEN": "pat-na1-0000", "PATH": "/usr/bin:/bin"])
            : try await ProcessRunner.run(CommandRunner.executable, Array(command.dropFirst()), in: try folder(),
                                          environment: ["HUBSPOT_ACCESS_TOKEN": "pat-na1-0000"])
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("refusing plain http") || output.stderr.contains("must") || output.stderr.contains("not a URL"), "\(output.stderr)")
        #expect(!output.stderr.contains("pat-na1-0000") && !output.stderr.contains("secret"))
    }

    @Test("without HUBSPOT_ACCESS_TOKEN, or with a token that could break a header, nothing is sent")
    func missingToken() async throws {
        try await withServer { server in
            for token in ["", "pat\r\nX-Injected: 1"] {
                let output = try await crmgen(["plan", "--definitions", Self.full], server, token: token)
                #expect(output.status == 2)
                #expect(output.stderr.contains("HUBSPOT_ACCESS_TOKEN"), "\(output.stderr)")
                #expect(!output.stderr.contains("X-Injected"))
            }
            #expect(server.exchanges.isEmpty)
        }
    }

    @Test("a rate-limit wait that is no number of seconds from 0 up (-1, infinity, nan) is not waited, and crmgen does not crash",
          arguments: [["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "-1"],
                      ["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "1e400"],
                      ["Retry-After": "nan"], ["Retry-After": "-5"]])
    func oddRateLimitWaits(headers: [String: String]) async throws {
        try await withServer { server in
            server.inject(.rateLimit(count: 1, headers: headers))
            let plan = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(plan.status == 0, "\(headers): \(plan.stderr)")
            #expect(server.exchanges.first?.status == 429 && server.exchanges.dropFirst().first?.status == 200, "tried again")
        }
    }

    @Test("a 429 that asks for a longer wait than crmgen's (seconds or an HTTP date) stops at once with the wait it asked, not asked again",
          arguments: [("61", "61.00 s"), ("3600", "60 min"), ("86400", "24 h"), ("Fri, 31 Dec 9999 23:59:59 GMT", " days")])
    func longRateLimitWaitStops(retryAfter: String, shown: String) async throws {
        try await withServer { server in
            server.inject(.rateLimit(count: 1, headers: ["Retry-After": retryAfter]))
            let plan = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(plan.status == 1, "\(plan.stderr)")
            #expect(plan.stderr.contains("rate limited, and HubSpot asks to wait ") && plan.stderr.contains("\(shown), longer than crmgen waits (60.00 s)"),
                    "\(plan.stderr)")
            #expect(server.exchanges.map(\.status) == [429], "not asked again: \(server.exchanges.map(\.status))")
        }
    }

    @Test("a GET answered 503 with Retry-After waits as asked before trying again; one that asks for longer than crmgen waits stops at once")
    func unavailableWithRetryAfter() async throws {
        try await withServer { server in
            server.inject(.unavailableRead(headers: ["Retry-After": "2"]))
            let plan = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(plan.status == 0, "\(plan.stderr)")
            let seen = server.exchanges
            #expect(seen.count >= 2 && seen[0].status == 503 && seen[1].path == seen[0].path && seen[1].status == 200)
            if seen.count >= 2 { #expect(seen[1].time.timeIntervalSince(seen[0].time) >= 1.9, "waited for Retry-After, not the 0.5 s backoff") }
            #expect(plan.stderr.contains("503; trying again in 2.00 s"), "\(plan.stderr)")

            server.clearExchanges()
            server.inject(.unavailableRead(headers: ["Retry-After": "7200"]))
            let long = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(long.status == 1, "\(long.stderr)")
            #expect(long.stderr.contains("HubSpot asks to wait 2 h, longer than crmgen waits (60.00 s); try again later"), "\(long.stderr)")
            #expect(server.exchanges.map(\.status) == [503])
        }
    }

    @Test("HubSpot's daily limit (policyName DAILY, or no daily request remaining) stops plan and apply at once: no wait, no further request")
    func dailyLimitStops() async throws {
        try await withServer { server in
            server.inject(.dailyLimit)
            let plan = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(plan.status == 1, "\(plan.stderr)")
            #expect(plan.stderr.contains("daily limit of requests for this portal is reached"), "\(plan.stderr)")
            #expect(server.exchanges.map(\.status) == [429])

            server.clearExchanges()
            server.inject(.dailyLimit)
            let apply = try await crmgen(["apply", "--yes", "--definitions", Self.full], server)
            #expect(apply.status == 1, "\(apply.stderr)")
            #expect(apply.stderr.contains("daily limit"), "\(apply.stderr)")
            #expect(server.exchanges.map(\.status) == [429] && writes(server).isEmpty)

            // The same said by HubSpot's header alone (the body of a limit of seconds).
            server.clearExchanges()
            server.inject(.rateLimit(count: 1, headers: ["X-HubSpot-RateLimit-Daily": "500000", "X-HubSpot-RateLimit-Daily-Remaining": "0"]))
            let headed = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(headed.status == 1 && headed.stderr.contains("daily limit of requests for this portal is reached"), "\(headed.stderr)")
            #expect(server.exchanges.map(\.status) == [429])
        }
    }

    @Test("an answer that trickles in a byte at a time is cut off at four times --timeout, not waited for")
    func trickledAnswerCutOff() async throws {
        try await withServer { server in
            // About 200 bytes, ten a second (never a pause of --timeout): some 20 seconds in all.
            server.inject(.trickleRead(pause: 0.1))
            let plan = try await crmgen(["plan", "--timeout", "2", "--definitions", Self.full], server)
            #expect(plan.status == 1, "\(plan.stderr)")
            #expect(plan.stderr.contains("no whole answer within 8.00 s (four times --timeout); it was cut off"), "\(plan.stderr)")
            #expect(server.exchanges.count == 1, "not tried again")
        }
    }

    @Test("an error body that quotes the token is withheld when crmgen's cut of it falls inside the token", arguments: [1, 9, 30])
    func tokenCutInErrorBody(bytesCut: Int) async throws {
        try await withServer { server in
            // The body's first 300 bytes end `bytesCut` bytes before the token's end.
            let padding = 300 - "Authorization: Bearer ".utf8.count - server.token.utf8.count + bytesCut
            server.inject(.plainErrorQuotingToken(padding: padding))
            let apply = try await crmgen(["apply", "--yes", "--definitions", Self.full], server)
            #expect(apply.status == 1, "\(apply.stderr)")
            #expect(apply.stderr.contains("quotes a part of the access token, so it is not shown"), "\(apply.stderr)")
            let token = Array(server.token)
            for start in 0...(token.count - 8) {
                #expect(!apply.stderr.contains(String(token[start..<start + 8])), "a part of the token at \(start) is printed")
            }
        }
    }

    @Test("an answer to creating an object whose objectTypeId is not a custom object's, is missing, or names another object stops apply",
          arguments: [("2-1/../../../crm/v3/schemas/2-999", String?.none), (nil, nil), ("2-123", "someone_else")] as [(String?, String?)])
    func createdObjectAnswerChecked(objectTypeId: String?, name: String?) async throws {
        try await withServer { server in
            server.inject(.createdObjectAnswer(objectTypeId: objectTypeId, name: name))
            let apply = try await crmgen(["apply", "--yes", "--definitions", Self.full], server)
            #expect(apply.status == 1, "\(apply.stderr)")
            #expect(apply.stderr.contains("the answer to creating '"), "\(apply.stderr)")
            let sent = writes(server)
            #expect(sent.last?.hasPrefix("POST /crm/v3/schemas") == true && sent.filter { $0.hasPrefix("POST /crm/v3/schemas") }.count == 1,
                    "nothing after the object's creation: \(sent)")
            #expect(!server.exchanges.contains { $0.path.contains("2-999") || $0.path.contains("..") || $0.path.contains("p_") })
        }
    }

    @Test("429: Retry-After and HubSpot's rate-limit headers are honoured, retries are bounded; GETs retried on 5xx and timeouts, writes never")
    func rateLimitsAndRetries() async throws {
        try await withServer { server in
            server.inject(.rateLimit(count: 1, headers: ["Retry-After": "1"]))
            #expect(try await crmgen(["plan", "--definitions", Self.full], server).status == 0)
            var seen = server.exchanges
            #expect(seen.count >= 2 && seen[0].status == 429 && seen[1].path == seen[0].path && seen[1].status == 200)
            #expect(seen[1].time.timeIntervalSince(seen[0].time) >= 0.9, "waited for Retry-After")

            server.clearExchanges()
            server.inject(.rateLimit(count: 1, headers: ["X-HubSpot-RateLimit-Remaining": "0", "X-HubSpot-RateLimit-Interval-Milliseconds": "400"]))
            #expect(try await crmgen(["plan", "--definitions", Self.full], server).status == 0)
            seen = server.exchanges
            #expect(seen[1].time.timeIntervalSince(seen[0].time) >= 0.35, "waited for HubSpot's interval")

            server.clearExchanges()
            server.inject(.rateLimit(count: 100, headers: ["Retry-After": "0"]))
            let limited = try await crmgen(["plan", "--definitions", Self.full], server)
            #expect(limited.status == 1)
            #expect(limited.stderr.contains("429"), "\(limited.stderr)")
            #expect(server.exchanges.count == 5, "bounded: \(server.exchanges.count) attempts")
            server.clearFaults()

            server.clearExchanges()
            server.inject(.serverErrorOnReads(count: 2))
            #expect(try await crmgen(["plan", "--definitions", Self.full], server).status == 0)
            #expect(server.exchanges.prefix(3).map(\.status) == [502, 502, 200])

            server.clearExchanges()
            server.inject(.slowReads(count: 1, seconds: 3))
            let slow = try await crmgen(["plan", "--timeout", "1", "--definitions", Self.full], server)
            #expect(slow.status == 0, "a GET that timed out is tried again: \(slow.stderr)")
            #expect(slow.stderr.contains("GET /crm/v3/schemas: ") && slow.stderr.contains("trying again in"), "\(slow.stderr)")

            server.clearExchanges()
            server.inject(.failWrite(number: 1, status: 503, done: false))
            #expect(try await crmgen(["apply", "--yes", "--definitions", Self.full], server).status == 1)
            #expect(writes(server).count == 1, "a write is not repeated after a 5xx")
        }
    }
}

/// apply on a terminal (a pseudo-terminal from script(1)): it asks, and prints one line per request.
@Suite("crmgen apply on a terminal")
struct PortalTerminalTests {
    static let script = URL(fileURLWithPath: "/usr/bin/script")

    func onTerminal(_ arguments: [String], _ server: FakePortalServer, input: String) async throws -> ProcessRunner.Output {
        let command = ([CommandRunner.executable.path] + arguments + ["--base-url", server.baseURL])
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try await ProcessRunner.run(Self.script, ["-qefc", command, "/dev/null"], in: try PortalCommandTests().folder(),
                                           environment: server.environment(), input: input)
    }

    @Test("apply asks; anything but yes sends nothing; yes applies with a progress line per request",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func asksOnATerminal() async throws {
        let server = FakePortalServer()
        try server.start()
        defer { server.stop() }
        let declined = try await onTerminal(["apply", "--definitions", PortalCommandTests.full], server, input: "no\n")
        #expect(declined.status == 1)
        #expect(declined.stdout.contains("Type yes to go on:"), "\(declined.stdout)")
        #expect(declined.stdout.contains("Nothing was sent."))
        #expect(server.exchanges.allSatisfy { !$0.isWrite })

        let accepted = try await onTerminal(["apply", "--definitions", PortalCommandTests.full], server, input: "yes\n")
        #expect(accepted.status == 0, "\(accepted.stdout)")
        let writes = server.exchanges.filter(\.isWrite)
        #expect(!writes.isEmpty)
        for write in writes {
            #expect(accepted.stdout.contains("\(write.method) \(write.path) \(write.status) ("), "a progress line for \(write.path)")
        }
        #expect(!accepted.stdout.contains(server.token))
    }
}
