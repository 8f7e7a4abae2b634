// Built with the main actor as default isolation (Xcode 26's default for new app targets): the
// generated types are used here on the main actor and from a task off it.
import CRMObjects
import Foundation

let visitJSON = Data(#"{"id": "7", "properties": {"cafe_name": "Kaffa", "visited_on": "1732060800000", "bags_ordered": "12.50", "notes": ""}}"#.utf8)

var failures = 0

/// Whether two JSON texts hold the same values (key order aside).
func sameJSON(_ a: Data, _ b: Data) throws -> Bool {
    try JSONSerialization.jsonObject(with: a) as? NSDictionary == JSONSerialization.jsonObject(with: b) as? NSDictionary
}
func check(_ condition: Bool, _ what: String) {
    print((condition ? "ok      " : "FAILED  ") + what)
    if !condition { failures += 1 }
}

/// Off the main actor: generated types and the registry need no isolation.
@concurrent nonisolated func validateElsewhere(_ data: Data) async throws -> [ValidationIssue] {
    let visit = try CafeVisit(json: data)
    _ = Registry.shared.object("cafe_visit")
    return visit.validate()
}

do {
    let visit = try CafeVisit(json: visitJSON)
    check(visit.cafeName == "Kaffa" && visit.bagsOrdered == CRMNumber("12.50"), "decoded on the main actor")
    check(visit.visitedOn?.description == "2024-11-20", "epoch milliseconds read as a day")
    check(try sameJSON(JSONEncoder().encode(visit), visitJSON), "written back as it was read")
    check(CafeVisit.schema.description == "A visit to a café that buys our coffee. Notes \\#(1 + 2) stay text.", "the description stays text")
    check(try await validateElsewhere(visitJSON).isEmpty, "validated off the main actor")
    var lot = GreenLot()
    lot.lotNumber = "LOT-1"
    check(lot.validate().map(\.kind) == [.patternMismatch], "green/lots.yaml → GreenLot in Lots.swift")
    check(RoastedLot(id: "1").validate().map(\.kind) == [.missingRequired], "roasted/lots.yaml → RoastedLot in Lots_2.swift")
    check(Registry.associations.allows(from: "green_lot", to: "coffee_origin"), "咖啡.yaml → CoffeeOrigin")
    check(Registry.shared.recordType("contacts") == Contact.self, "CRMObjects' types are in this registry too")
}
print(failures == 0 ? "RoasteryOnMainActor: all checks passed." : "RoasteryOnMainActor: \(failures) checks failed.")
exit(failures == 0 ? 0 : 1)
