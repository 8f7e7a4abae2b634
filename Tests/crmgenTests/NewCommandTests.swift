import Foundation
import Testing

/// `crmgen new` as a user runs it, each test in a folder of its own.
@Suite("crmgen new")
struct NewCommandTests {
    /// A new empty working folder; `Definitions/custom` holds the repository's Roast Batch when asked.
    static func workspace(withRoastBatch: Bool = false) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmgen-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if withRoastBatch {
            let custom = folder.appendingPathComponent("Definitions/custom")
            try FileManager.default.createDirectory(at: custom, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Definitions/custom/roast_batch.yaml"),
                                             to: custom.appendingPathComponent("roast_batch.yaml"))
        }
        return folder
    }

    /// `crmgen describe OBJECT --format json` in `folder`, parsed.
    static func describe(_ object: String, in folder: URL, _ extra: [String] = []) throws -> [String: Any] {
        let output = try CommandRunner.run(["describe", object, "--format", "json"] + extra, in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    static func properties(_ object: [String: Any]) -> [String: [String: Any]] {
        let list = object["properties"] as? [[String: Any]] ?? []
        return Dictionary(list.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    // MARK: The scaffold

    @Test("the scaffold validates as written and loads as asked: labels, display property, properties, associations")
    func scaffoldValidates() throws {
        let folder = try Self.workspace(withRoastBatch: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["new", "Tasting Note", "--property", "cupped_on:date", "--property", "score:number",
                                            "--associate", "contacts:many-to-one", "--associate", "Deals"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "")
        #expect(output.stdout == "Wrote Definitions/custom/tasting_note.yaml: tasting_note with 3 properties and 2 associations. Check it with: crmgen validate\n")
        let validate = try CommandRunner.run(["validate"], in: folder)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr == "")
        #expect(validate.stdout.hasPrefix("2 files valid"))

        let note = try Self.describe("tasting_note", in: folder)
        #expect(note["kind"] as? String == "custom")
        #expect(note["swiftName"] as? String == "TastingNote")
        #expect(note["labels"] as? [String: String] == ["singular": "Tasting Note", "plural": "Tasting Notes"])
        #expect(note["primaryDisplayProperty"] as? String == "name")
        #expect(note["searchableProperties"] as? [String] == ["name"])
        let properties = Self.properties(note)
        #expect(properties["name"]?["label"] as? String == "Name")
        #expect(properties["name"]?["required"] as? Bool == true)
        #expect(properties["cupped_on"]?["label"] as? String == "Cupped on")
        #expect(properties["cupped_on"]?["type"] as? String == "date")
        let declared = (note["associations"] as? [[String: Any]] ?? []).filter { $0["isImplicit"] as? Bool == false }
        #expect(declared.map { $0["to"] as? String } == ["contacts", "deals"])
        #expect(declared.map { $0["cardinality"] as? String } == ["many-to-one", "many-to-many"])
    }

    @Test("each property spec becomes its type, field type, format, display hint and options")
    func propertySpecs() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        // spec, name, type, fieldType, extra key and value
        let cases: [(String, String, String, String, (String, String)?)] = [
            ("notes:string", "notes", "string", "text", nil),
            ("summary:text", "summary", "string", "text", nil),
            ("long_notes:textarea", "long_notes", "string", "textarea", nil),
            ("body:html", "body", "string", "html", nil),
            ("contact_email:email", "contact_email", "string", "text", ("format", "email")),
            ("website:url", "website", "string", "text", ("format", "url")),
            ("site:domain", "site", "string", "text", ("format", "domain")),
            ("mobile:phone", "mobile", "string", "phonenumber", ("format", "phone")),
            ("score:number", "score", "number", "number", nil),
            ("price:currency", "price", "number", "number", ("numberDisplayHint", "currency")),
            ("share:percentage", "share", "number", "number", ("numberDisplayHint", "percentage")),
            ("cupped_on:date", "cupped_on", "date", "date", nil),
            ("tasted_at:datetime", "tasted_at", "datetime", "date", nil),
            ("sold:bool", "sold", "bool", "booleancheckbox", nil),
            ("organic:boolean", "organic", "bool", "booleancheckbox", nil),
            ("roast:select=light,dark_roast", "roast", "enumeration", "select", nil),
            ("process:enumeration=washed,natural", "process", "enumeration", "select", nil),
            ("grade:radio=a,b", "grade", "enumeration", "radio", nil),
            ("aroma:multiselect=floral,fruity", "aroma", "enumeration", "checkbox", nil),
            ("flavors:CHECKBOX=sweet, sour", "flavors", "enumeration", "checkbox", nil),
        ]
        let output = try CommandRunner.run(["new", "Cupping"] + cases.flatMap { ["--property", $0.0] }, in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try CommandRunner.run(["validate"], in: folder).status == 0)
        let object = try Self.describe("cupping", in: folder)
        // `notes` is the first plain string property: it names the records, and no `name` is added.
        #expect(object["primaryDisplayProperty"] as? String == "notes")
        let properties = Self.properties(object)
        #expect(properties["name"] == nil)
        for (spec, name, type, fieldType, extra) in cases {
            let property = try #require(properties[name], "\(spec)")
            #expect(property["type"] as? String == type, "\(spec)")
            #expect(property["fieldType"] as? String == fieldType, "\(spec)")
            if let (key, value) = extra { #expect(property[key] as? String == value, "\(spec)") }
        }
        #expect(properties["long_notes"]?["label"] as? String == "Long notes")
        let roast = properties["roast"]?["options"] as? [[String: Any]] ?? []
        #expect(roast.map { $0["value"] as? String } == ["light", "dark_roast"])
        #expect(roast.map { $0["label"] as? String } == ["Light", "Dark roast"])
        let flavors = properties["flavors"]?["options"] as? [[String: Any]] ?? []
        #expect(flavors.map { $0["value"] as? String } == ["sweet", "sour"])
    }

    @Test("a string property with a format does not name the records; 'name' is added, or another name when 'name' is taken")
    func primaryDisplayProperty() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["new", "Lead Source", "--property", "contact_email:email", "--property", "name:number"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let object = try Self.describe("lead_source", in: folder)
        #expect(object["primaryDisplayProperty"] as? String == "lead_source_name")
        #expect(Self.properties(object)["lead_source_name"]?["type"] as? String == "string")
    }

    @Test("English plurals of labels, and --plural", arguments: [
        ("Tasting Note", "Tasting Notes"), ("Roast Batch", "Roast Batches"), ("Category", "Categories"), ("Green Box", "Green Boxes"),
        ("Holiday", "Holidays"), ("Contact Person", "Contact People"), ("Analysis", "Analyses"), ("FAQ", "FAQs"), ("Series", "Series"),
        ("Café", "Cafés"),
    ])
    func plurals(singular: String, plural: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["new", singular, "--name", "thing", "--output", "Out"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let text = try #require(Self.read(folder.appendingPathComponent("Out/thing.yaml")))
        #expect(text.contains("labels: { singular: \(singular), plural: \(plural) }"), "\(text)")
    }

    @Test("--plural overrides the guess")
    func pluralOption() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["new", "Cactus", "--plural", "Cacti"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try Self.describe("cactus", in: folder)["labels"] as? [String: String] == ["singular": "Cactus", "plural": "Cacti"])
    }

    // MARK: Associations

    @Test("--associate takes a name, a label or an objectTypeId, the new object itself, and a cardinality")
    func associations() throws {
        let folder = try Self.workspace(withRoastBatch: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["new", "Green Lot", "--associate", "Roast Batches:one-to-many", "--associate", "0-3",
                                            "--associate", "companies", "--associate", "green lot"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let lot = try Self.describe("green_lot", in: folder)
        let declared = (lot["associations"] as? [[String: Any]] ?? []).filter { $0["isImplicit"] as? Bool == false }
        #expect(declared.map { $0["to"] as? String } == ["companies", "deals", "green_lot", "roast_batch"])
        #expect(declared.first { $0["to"] as? String == "roast_batch" }?["cardinality"] as? String == "one-to-many")
        #expect(try CommandRunner.run(["validate"], in: folder).status == 0)
    }

    @Test("an unknown object to associate is a usage error with a suggestion, and nothing is written")
    func unknownAssociation() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(["new", "Green Lot", "--associate", "dealz"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("no object 'dealz' in the registry; did you mean 'deals'?"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Definitions").path))
    }

    // MARK: Never overwrites

    @Test("an existing file is never overwritten: exit 1, the file unchanged")
    func refusesExistingFile() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("Out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "keep me\n".write(to: out.appendingPathComponent("tasting_note.yaml"), atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["new", "Tasting Note", "--output", "Out"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.contains("crmgen: error: 'Out/tasting_note.yaml' already exists; nothing was written"), "\(output.stderr)")
        #expect(Self.read(out.appendingPathComponent("tasting_note.yaml")) == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["tasting_note.yaml"])
    }

    @Test("an object that exists, standard or custom, is refused: exit 1, nothing written", arguments: [
        ["new", "Contacts", "--output", "Out"], ["new", "Roast Batch", "--output", "Out"], ["new", "Anything", "--name", "deals", "--output", "Out"],
    ])
    func refusesExistingObject(_ arguments: [String]) throws {
        let folder = try Self.workspace(withRoastBatch: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(arguments, in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.contains("is already defined"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Out").path))
    }

    // MARK: Bad input

    @Test("bad input is a usage error (exit 2) that says what is wrong, and nothing is written", arguments: [
        (["new", ""], "the label is empty"),
        (["new", "  \n"], "the label is empty"),
        (["new", "咖啡"], "the label gives no API name"),
        (["new", "2nd Batch"], "the label gives no API name"),
        (["new", "Lot", "--name", "Lot"], "--name 'Lot' must be lowercase snake_case"),
        (["new", "Lot", "--plural", " "], "--plural is empty"),
        (["new", "Lot", "--property", "score"], "--property 'score' is not NAME:TYPE"),
        (["new", "Lot", "--property", ":number"], "has no name before ':'"),
        (["new", "Lot", "--property", "Score:number"], "property name 'Score' must be lowercase snake_case: letters a-z, digits and underscores, starting with a letter, at most 100 characters; did you mean 'score'?"),
        (["new", "Lot", "--property", "score:nubmer"], "unknown type 'nubmer' in --property 'score:nubmer'; did you mean 'number'? The types are string,"),
        (["new", "Lot", "--property", "score:"], "unknown type '' in --property 'score:'; the types are string,"),
        (["new", "Lot", "--property", "roast:select"], "type 'select' of 'roast' needs its options after '=': roast:select=first,second"),
        (["new", "Lot", "--property", "roast:select=a,,b"], "an option of 'roast' is empty"),
        (["new", "Lot", "--property", "roast:radio=a,b,a"], "option 'a' of 'roast' is given twice"),
        (["new", "Lot", "--property", "score:number=1,2"], "type 'number' of 'score' takes no options"),
        (["new", "Lot", "--property", "hs_score:number"], "property name 'hs_score' is HubSpot's"),
        (["new", "Lot", "--property", "hubspot_owner_id:string"], "property name 'hubspot_owner_id' is HubSpot's"),
        (["new", "Lot", "--property", "score:number", "--property", "score:date"], "property 'score' is given twice"),
        (["new", "Lot", "--associate", "deals", "--associate", "0-3"], "--associate names 'deals' twice"),
        (["new", "Lot", "--associate", "deals:many-to-few"], "unknown cardinality 'many-to-few' in --associate 'deals:many-to-few'; did you mean 'many-to-one'?"),
        (["new"], "Missing expected argument"),
    ])
    func badInput(_ arguments: [String], _ message: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CommandRunner.run(arguments, in: folder)
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!output.stderr.contains("Fatal error") && !output.stderr.contains("Stack dump"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test("invalid definitions already there: exit 1 with their diagnostics, nothing written")
    func invalidDefinitions() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let custom = folder.appendingPathComponent("Definitions/custom")
        try FileManager.default.createDirectory(at: custom, withIntermediateDirectories: true)
        try "object: broken\nkind: custom\n".write(to: custom.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let output = try CommandRunner.run(["new", "Tasting Note"], in: folder)
        #expect(output.status == 1)
        #expect(output.stderr.contains("Definitions/custom/broken.yaml:"), "\(output.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: custom.path) == ["broken.yaml"])
    }

    // MARK: Hostile labels

    static let hostileLabels = [
        "Note: \"quoted\" #1", "line one\nline two", "a \\#(interpolation) and \\(that)", "# not a comment", "- dash", "key: value",
        "true", "null", "12", "1e3", "'single'", "{ flow: map }", "[a, b]", "tab\there", "trailing ", " leading", "café ☕ 咖啡 👩‍👩‍👧",
        "separator\u{2028}here", "bidi \u{202E}evil\u{202C}", "nul-free \u{7F} del", "back\\slash\"", "&anchor *alias !tag | > %",
    ]

    @Test("a hostile label loads back as exactly that label", arguments: hostileLabels)
    func hostileLabel(_ label: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plural = label + " (several)"
        // `--plural=…` and `--` let a label start with '-', as a user would write it.
        let output = try CommandRunner.run(["new", "--name", "hostile", "--plural=\(plural)", "--", label], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try CommandRunner.run(["validate"], in: folder).status == 0)
        let object = try Self.describe("hostile", in: folder)
        #expect(object["labels"] as? [String: String] == ["singular": label, "plural": plural])
    }

    @Test("a hostile label also gives its API name: words a-z and digits, accents dropped")
    func hostileLabelName() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let label = "Café \"Visit\": #2\n\\#(x)"
        let output = try CommandRunner.run(["new", label], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let object = try Self.describe("cafe_visit_2_x", in: folder)
        #expect((object["labels"] as? [String: String])?["singular"] == label)
    }

    // MARK: Where the file goes

    @Test("default folder: Definitions/custom when it exists")
    func defaultFolderCustom() throws {
        let folder = try Self.workspace(withRoastBatch: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Definitions/other"), withIntermediateDirectories: true)
        #expect(try CommandRunner.run(["new", "Lot"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Definitions/custom/lot.yaml").path))
    }

    @Test("default folder: the one folder under Definitions that holds definition files, standard/ aside")
    func defaultFolderOnlyOne() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let objects = folder.appendingPathComponent("Definitions/objects")
        let standard = folder.appendingPathComponent("Definitions/standard")
        try FileManager.default.createDirectory(at: objects, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: standard, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Definitions/custom/roast_batch.yaml"),
                                         to: objects.appendingPathComponent("roast_batch.yaml"))
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Definitions/standard/deals.yaml"),
                                         to: standard.appendingPathComponent("deals.yaml"))
        let output = try CommandRunner.run(["new", "Lot"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(FileManager.default.fileExists(atPath: objects.appendingPathComponent("lot.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Definitions/custom").path))
    }

    @Test("default folder: Definitions/custom, created, when no folder or several hold definition files")
    func defaultFolderCreated() throws {
        let empty = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try CommandRunner.run(["new", "Lot"], in: empty).status == 0)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("Definitions/custom/lot.yaml").path))

        let several = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: several) }
        for name in ["a", "b"] {
            let sub = several.appendingPathComponent("Definitions/\(name)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try "object: \(name)_thing\nkind: custom\nlabels: { singular: \(name), plural: \(name)s }\nprimaryDisplayProperty: title\nproperties:\n  title: { label: Title, type: string, fieldType: text }\n"
                .write(to: sub.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
        }
        let output = try CommandRunner.run(["new", "Lot"], in: several)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(FileManager.default.fileExists(atPath: several.appendingPathComponent("Definitions/custom/lot.yaml").path))
    }

    @Test("no temporary file is left behind, and the written file is the whole definition")
    func noLeftovers() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandRunner.run(["new", "Lot", "--output", "Out"], in: folder).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Out").path) == ["lot.yaml"])
        let text = try #require(Self.read(folder.appendingPathComponent("Out/lot.yaml")))
        #expect(text.hasSuffix("  name: { label: Name, type: string, fieldType: text, required: true }\n"), "\(text)")
    }

    @Test("the help teaches the property types with examples")
    func help() throws {
        let output = try CommandRunner.run(["new", "--help"])
        #expect(output.status == 0)
        for text in ["  select=A,B        one of A, B (enumeration, select); also: enumeration=A,B", "numberDisplayHint: currency", "--associate contacts:many-to-one", "Definitions/custom", "\"Cupped on\""] {
            #expect(output.stdout.contains(text), "\(text)")
        }
    }
}
