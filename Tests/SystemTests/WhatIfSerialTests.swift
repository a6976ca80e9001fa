import Foundation
import HotlineDomain
import Testing

/// What-if replay (CONTRACTS.md section 15) against the running stack: a few hundred real
/// tickets are replayed against a changed map and catalog, then the change is imported for real
/// and the same requests are routed again by the real dispatcher; the replay's counts must be
/// what the import actually did. Only test-only grids and categories change (added to the stack's
/// own files, which are restored at the end). It imports, so it runs in the serial pass (`SerialTests`),
/// where no other suite changes the jurisdiction meanwhile.
@Suite(.serialized) struct WhatIfSerialTests {
    let stack: Stack

    init() throws {
        self.stack = try Stack.load()
    }

    /// A rectangle grid far from the demo city (lon 100, lat 30), in community `community`.
    static func grid(_ code: String, community: String, west: Double, east: Double) -> JSONValue {
        let ring: JSONValue = .array([[west, 30.0], [east, 30.0], [east, 30.1], [west, 30.1], [west, 30.0]].map { .array($0.map(JSONValue.number)) })
        func area(_ code: String, _ name: String) -> JSONValue { .object(["code": .string(code), "name": .string(name)]) }
        return .object([
            "type": "Feature",
            "geometry": .object(["type": "Polygon", "coordinates": .array([ring])]),
            "properties": .object([
                "code": .string(code), "name": .string("推演网格\(code)"), "community": area(community, "推演社区\(community)"),
                "street": area("WHATIF-S", "推演街道"), "district": area("WHATIF-D", "推演区"),
                "worker": .object(["name": "推演网格员", "phone": "13900000001"]),
                "secretary": .object(["name": "推演书记", "phone": "13900000002"]), "households": 300, "aliases": .array([]),
            ]),
        ])
    }

    /// The stack's files with the test grids and categories added.
    static func variant(
        _ grids: JSONValue, _ catalog: JSONValue, split: Bool, movedTo department: String?, urgentUrgency: String
    ) -> (JSONValue, JSONValue) {
        var features = grids["features"]?.arrayValue ?? []
        if split {
            features += [Self.grid("WHATIF-A", community: "WHATIF-CA", west: 100.0, east: 100.15), Self.grid("WHATIF-C", community: "WHATIF-CC", west: 100.15, east: 100.3)]
        } else {
            features += [Self.grid("WHATIF-A", community: "WHATIF-CA", west: 100.0, east: 100.3)]
        }
        var gridsObject = grids.objectValue ?? [:]
        gridsObject["features"] = .array(features)
        var catalogObject = catalog.objectValue ?? [:]
        let lead = catalog["departments"]?[0]?["code"]?.stringValue ?? "CG"
        var moved: [String: JSONValue] = ["code": "whatif_moved", "name": "推演类别甲", "keywords": ["推演甲"], "handler": "community", "urgency": "general"]
        if let department {
            moved["handler"] = "department"
            moved["department"] = .string(department)
        }
        let urgent: JSONValue = .object([
            "code": "whatif_urgent", "name": "推演类别乙", "keywords": ["推演乙"], "handler": "department", "department": .string(lead),
            "urgency": .string(urgentUrgency),
        ])
        catalogObject["categories"] = .array((catalog["categories"]?.arrayValue ?? []) + [.object(moved), urgent])
        return (.object(gridsObject), .object(catalogObject))
    }

    /// Writes a jurisdiction folder and returns its path.
    static func folder(_ grids: JSONValue, _ catalog: JSONValue) throws -> String {
        let path = NSTemporaryDirectory() + "whatif-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try JSONEncoder().encode(grids).write(to: URL(fileURLWithPath: path + "/grids.geojson"))
        try JSONEncoder().encode(catalog).write(to: URL(fileURLWithPath: path + "/catalog.json"))
        return path
    }

    /// Imports a folder for real; answers the new revision.
    func importFolder(_ path: String) async throws -> Int {
        let (status, output) = try self.stack.command("dispatcher", ["import", path, "--by", "system-test"])
        #expect(status == 0, "import failed: \(output)")
        let revision = try await self.stack.sql("SELECT revision FROM jurisdiction WHERE id = 1")[0].decode("revision", as: Int.self)
        // Intake validates categories against its cache; wait until it has the new revision.
        for _ in 0..<100 {
            let (_, summary) = try await self.stack.http("GET", self.stack["INTAKE_URL"] + "/v1/jurisdiction", key: self.stack["OPERATOR_KEY"])
            if summary["revision"] as? Int == revision { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return revision
    }

    /// The requests: 300 tickets on a 20 x 15 lattice (far enough apart that none is a duplicate
    /// of another), alternating the two test categories.
    static func requests() -> [[String: Any]] {
        var requests: [[String: Any]] = []
        for index in 0..<300 {
            let caller: [String: Any] = ["name": "推演来电", "phone": "139" + String(format: "%08d", 50_000_000 + index)]
            let location: [String: Any] = ["lat": 30.005 + Double(index / 20) * 0.006, "lon": Self.lon(index)]
            requests.append([
                "channel": "phone", "caller": caller, "description": "推演工单 \(index)",
                "category": index % 2 == 0 ? "whatif_moved" : "whatif_urgent", "location": location,
            ])
        }
        return requests
    }

    /// The longitude of request `index`: 20 columns across both halves of the test grid.
    static func lon(_ index: Int) -> Double {
        100.005 + Double(index % 20) * 0.0145
    }

    /// Posts the requests and waits until every one is routed; answers the numbers.
    func post(version: Int) async throws -> [String] {
        var numbers: [String] = []
        for request in Self.requests() {
            let (status, json) = try await self.stack.createTicket(request)
            #expect(status == 201)
            if let number = json["number"] as? String { numbers.append(number) }
        }
        let list = "{" + numbers.joined(separator: ",") + "}"
        for _ in 0..<300 {
            let waiting = try await self.stack.sql("SELECT count(*) AS n FROM tickets WHERE number = ANY($1::text[]) AND status = 'received'", [list])
            if try waiting[0].decode("n", as: Int.self) == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let versions = try await self.stack.sql(
            "SELECT count(*) FILTER (WHERE jurisdiction_version = $2::int) AS ok, count(*) AS n FROM tickets WHERE number = ANY($1::text[])",
            [list, String(version)]
        )
        #expect(try versions[0].decode("ok", as: Int.self) == numbers.count, "every ticket routed by version \(version)")
        return numbers
    }

    /// The routing fields of tickets, in request order.
    func routing(_ numbers: [String]) async throws -> [[String: String?]] {
        let rows = try await self.stack.sql(
            """
            SELECT number, grid, community, handler, lead_department, urgency,
                extract(epoch FROM resolve_by)::float8 AS resolve_by
            FROM tickets WHERE number = ANY($1::text[])
            """,
            ["{" + numbers.joined(separator: ",") + "}"]
        )
        var byNumber: [String: [String: String?]] = [:]
        for row in rows {
            byNumber[row["number"] ?? ""] = [
                "grid": row["grid"], "community": row["community"], "handler": row["handler"], "department": row["lead_department"],
                "urgency": row["urgency"], "resolveBy": row["resolve_by"],
            ]
        }
        return numbers.map { byNumber[$0] ?? [:] }
    }

    func whatIf(_ grids: JSONValue, _ catalog: JSONValue, since: String) async throws -> (status: Int, json: [String: Any]) {
        let body = try JSONEncoder().encode(JSONValue.object(["grids": grids, "catalog": catalog, "since": .string(since), "limit": 1000]))
        return try await self.stack.http(
            "POST", self.stack["INTAKE_URL"] + "/v1/jurisdiction/what-if", key: self.stack["ADMIN_KEY"],
            headers: ["Content-Type": "application/json"], body: body
        )
    }

    /// `field from->to` -> count, of the report's changes.
    static func counts(_ report: [String: Any]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for change in report["changes"] as? [[String: Any]] ?? [] {
            let key = "\(change["field"] as? String ?? "") \(change["from"] as? String ?? "-")->\(change["to"] as? String ?? "-")"
            counts[key] = change["count"] as? Int
        }
        return counts
    }

    @Test func replayPredictsWhatTheImportDoes() async throws {
        let stored = try await self.stack.sql("SELECT grids, catalog FROM jurisdiction WHERE id = 1")
        let baseGrids = try JSONValue(parsing: Data((stored[0]["grids"] ?? "").utf8))
        let baseCatalog = try JSONValue(parsing: Data((stored[0]["catalog"] ?? "").utf8))
        let departments = baseCatalog["departments"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        try #require(departments.count >= 2)
        let (v1Grids, v1Catalog) = Self.variant(baseGrids, baseCatalog, split: false, movedTo: nil, urgentUrgency: "general")
        let (v2Grids, v2Catalog) = Self.variant(baseGrids, baseCatalog, split: true, movedTo: departments[1], urgentUrgency: "urgent")
        let baseFolder = try Self.folder(baseGrids, baseCatalog)
        do {
            try await self.check(v1: Self.folder(v1Grids, v1Catalog), v2: (v2Grids, v2Catalog, try Self.folder(v2Grids, v2Catalog)), department: departments[1])
        } catch {
            _ = try? await self.importFolder(baseFolder)
            throw error
        }
        _ = try await self.importFolder(baseFolder)
    }

    func check(v1: String, v2: (grids: JSONValue, catalog: JSONValue, folder: String), department: String) async throws {
        let v1Revision = try await self.importFolder(v1)
        let postedAt = Date()
        let originals = try await self.post(version: v1Revision)
        try #require(originals.count == 300)

        // The prediction, over HTTP and from the command line: the same counts. The period is
        // this run's (an earlier run's tickets sit in the same test grid).
        let period = "PT\(Int(Date().timeIntervalSince(postedAt)) + 2)S"
        let (status, report) = try await self.whatIf(v2.grids, v2.catalog, since: period)
        try #require(status == 200, "what-if answered \(status): \(report)")
        let predicted = Self.counts(report)
        let (cliStatus, cliOutput) = try self.stack.command("dispatcher", ["import", v2.folder, "--what-if", "--since", period, "--format", "json"])
        #expect(cliStatus == 0, "\(cliOutput)")
        let cliReport = (try? JSONSerialization.jsonObject(with: Data(cliOutput.utf8))) as? [String: Any] ?? [:]
        #expect(Self.counts(cliReport) == predicted)
        let (textStatus, text) = try self.stack.command("dispatcher", ["import", v2.folder, "--what-if", "--since", period])
        #expect(textStatus == 0 && text.contains("派发变化") && text.contains("三率"))
        // Nothing changed: still v1 in force.
        #expect(try await self.stack.sql("SELECT revision FROM jurisdiction WHERE id = 1")[0].decode("revision", as: Int.self) == v1Revision)

        // The real thing: v2 imported, the same requests routed again by the dispatcher.
        let list = "{" + originals.joined(separator: ",") + "}"
        try await self.stack.sql("UPDATE tickets SET status = 'cancelled' WHERE number = ANY($1::text[])", [list])
        let v2Revision = try await self.importFolder(v2.folder)
        let repostedAt = Date()
        let reposts = try await self.post(version: v2Revision)
        let (before, after) = (try await self.routing(originals), try await self.routing(reposts))
        var actual: [String: Int] = [:]
        var earlier = 0
        for (old, new) in zip(before, after) {
            for field in ["grid", "community", "handler", "department", "urgency"] where (old[field] ?? nil) != (new[field] ?? nil) {
                actual["\(field) \((old[field] ?? nil) ?? "-")->\((new[field] ?? nil) ?? "-")", default: 0] += 1
            }
            // Deadlines grow with the start (the reposts came a minute later), so under the same
            // rules a repost's deadline is never before its original's: one before it is earlier.
            if let o = (old["resolveBy"] ?? nil).flatMap(Double.init), let n = (new["resolveBy"] ?? nil).flatMap(Double.init), n < o - 1 { earlier += 1 }
        }
        #expect(!actual.isEmpty)
        #expect(predicted == actual, "predicted \(predicted), the import did \(actual)")
        #expect(actual["handler community->department"] == 150)
        #expect(actual["department -->\(department)"] == 150)
        #expect(actual["grid WHATIF-A->WHATIF-C"] == (0..<300).filter { Self.lon($0) >= 100.15 }.count)
        let deadlines = report["deadlines"] as? [String: Any] ?? [:]
        #expect(deadlines["earlier"] as? Int == earlier)
        #expect(deadlines["later"] as? Int == 0)

        // Against itself the rules change nothing, and every repost is what the replay gives.
        let (_, again) = try await self.whatIf(v2.grids, v2.catalog, since: "PT\(Int(Date().timeIntervalSince(postedAt)) + 2)S")
        #expect(Self.counts(again).isEmpty)
        let unexplained = (again["unexplained"] as? [String: [String: Any]] ?? [:]).values.flatMap { $0["tickets"] as? [String] ?? [] }
        #expect(Set(unexplained).isDisjoint(with: reposts), "the replay reproduces the dispatcher's routing of the reposts")
        let routedEarlier = (again["unexplained"] as? [String: [String: Any]])?["routedByEarlierVersion"]?["count"] as? Int ?? 0
        #expect(routedEarlier >= originals.count, "tickets of v1 are explained as routed by an earlier version")
        // Only the reposts' minutes, so that no list of ticket numbers is cut short by others'.
        let (_, recent) = try await self.whatIf(v2.grids, v2.catalog, since: "PT\(Int(Date().timeIntervalSince(repostedAt)) + 2)S")
        let recentUnexplained = (recent["unexplained"] as? [String: [String: Any]] ?? [:]).values.flatMap { $0["tickets"] as? [String] ?? [] }
        #expect(recent["replayed"] as? Int ?? 0 >= reposts.count)
        #expect(Set(recentUnexplained).isDisjoint(with: reposts), "the replay reproduces the dispatcher's routing of every repost")

        // The versions, who imported them, and the tickets that name them.
        let (listed, versions) = try await self.stack.http("GET", self.stack["INTAKE_URL"] + "/v1/jurisdiction/versions", key: self.stack["ADMIN_KEY"])
        #expect(listed == 200)
        let rows = versions["versions"] as? [[String: Any]] ?? []
        let v2Row = rows.first { $0["version"] as? Int == v2Revision }
        #expect(v2Row?["importedBy"] as? String == "system-test")
        #expect(v2Row?["current"] as? Bool == true)
        #expect(rows.contains { $0["version"] as? Int == v1Revision })
        let ticket = try await self.stack.ticket(reposts[0])
        #expect((ticket["routing"] as? [String: Any])?["jurisdictionVersion"] as? Int == v2Revision)
        try await self.stack.sql("UPDATE tickets SET status = 'cancelled' WHERE number = ANY($1::text[])", ["{" + reposts.joined(separator: ",") + "}"])
    }

    @Test func invalidDocumentsAreRefusedWithTheImportsFieldErrors() async throws {
        let stored = try await self.stack.sql("SELECT grids, catalog FROM jurisdiction WHERE id = 1")
        let grids = try JSONValue(parsing: Data((stored[0]["grids"] ?? "").utf8))
        var catalog = try JSONValue(parsing: Data((stored[0]["catalog"] ?? "").utf8)).objectValue ?? [:]
        var categories = catalog["categories"]?.arrayValue ?? []
        var first = categories[0].objectValue ?? [:]
        first["handler"] = "nobody"
        categories[0] = .object(first)
        catalog["categories"] = .array(categories)
        let (status, body) = try await self.whatIf(grids, .object(catalog), since: "P1D")
        #expect(status == 400)
        let fields = (body["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []
        #expect(fields.contains { ($0["field"] as? String ?? "").hasPrefix("catalog.json: category 0") && ($0["field"] as? String ?? "").hasSuffix("handler") })
        let (missing, _) = try await self.stack.http(
            "POST", self.stack["INTAKE_URL"] + "/v1/jurisdiction/what-if", json: ["since": "P90D"], key: self.stack["ADMIN_KEY"]
        )
        #expect(missing == 400)
        let (operator_, _) = try await self.stack.http(
            "POST", self.stack["INTAKE_URL"] + "/v1/jurisdiction/what-if", json: ["since": "P90D"], key: self.stack["OPERATOR_KEY"]
        )
        #expect(operator_ == 403)
    }
}
