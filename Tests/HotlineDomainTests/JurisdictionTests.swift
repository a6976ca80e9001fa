import Foundation
import Testing
@testable import HotlineDomain

@Suite struct JurisdictionTests {
    @Test func loadsTheValidFixture() throws {
        let jurisdiction = try Fixtures.jurisdiction()
        #expect(jurisdiction.grids.map(\.code) == ["620402001", "620402002", "620402003"])
        let first = jurisdiction.grids[0]
        #expect(first.community == Area(code: "620402101", name: "水川社区"))
        #expect(first.worker == Contact(name: "王小红", phone: "13909310301"))
        #expect(first.households == 420)
        #expect(first.geometry.polygons.count == 1)
        #expect(first.geometry.polygons[0].holes.count == 1)
        #expect(first.geometry.polygons[0].outer[1] == Coordinate(lat: 36.50, lon: 104.01))
        #expect(jurisdiction.grids[1].households == 0)
        #expect(jurisdiction.grids[2].geometry.polygons.count == 2)
        let catalog = jurisdiction.catalog
        #expect(catalog.departments.map(\.code) == ["CG", "GD", "SW", "ZJ"])
        #expect(catalog.department(code: "ZJ")?.phone == "")
        #expect(catalog.category(code: "streetlight")?.assist == ["GD"])
        #expect(catalog.category(code: "policy")?.urgency == .general)
        #expect(catalog.sla.terms(for: .general).workingDays)
        #expect(!catalog.sla.terms(for: .emergency).workingDays)
        #expect(catalog.sla.terms(for: .emergency).respond == ISODuration(minutes: 30))
        #expect(catalog.calendar.holidays.count == 7)
        #expect(catalog.calendar.workdays == [LocalDate(year: 2026, month: 9, day: 27), LocalDate(year: 2026, month: 10, day: 10)])
        #expect(catalog.escalation == EscalationPolicy(street: 1.0, district: 2.0))
        #expect(catalog.households?["visitEvery"]?["red"] == "P7D")
    }

    @Test func jurisdictionRoundTripsAsJSON() throws {
        let jurisdiction = try Fixtures.jurisdiction()
        let data = try HotlineJSON.encoder().encode(jurisdiction)
        #expect(try HotlineJSON.decoder().decode(Jurisdiction.self, from: data) == jurisdiction)
    }

    /// Every problem of both invalid files, as `file: entry: field: message` lines.
    private func invalidIssues() throws -> [String] {
        do {
            _ = try Jurisdiction.load(folder: Fixtures.folder("invalid"))
        } catch let error as JurisdictionError {
            return error.issues.map(\.description)
        }
        Issue.record("the invalid fixture loaded")
        return []
    }

    @Test func reportsEveryGridProblemAtOnce() throws {
        let issues = try self.invalidIssues()
        let expected = [
            "grids.geojson: feature 1 (code 620402009): geometry.coordinates[0]: ring is not closed: the last position must repeat the first",
            "grids.geojson: feature 1 (code 620402009): properties.community.code: required",
            "grids.geojson: feature 1 (code 620402009): properties.worker.phone: required",
            "grids.geojson: feature 1 (code 620402009): properties.households: must be an integer >= 0",
            "grids.geojson: feature 1 (code 620402009): properties.aliases[1]: must be a string, not number",
            "grids.geojson: feature 2 (code 620402001): properties.code: duplicate grid code (also feature 0)",
            "grids.geojson: feature 2 (code 620402001): geometry.type: must be \"Polygon\" or \"MultiPolygon\" (found 'Point')",
            "grids.geojson: feature 3: geometry.coordinates[0][0][0]: longitude 200.0 is outside [-180, 180]",
            "grids.geojson: feature 3: properties.code: required",
            "grids.geojson: feature 3: properties.community: required",
            "grids.geojson: feature 3: properties.secretary: required",
        ]
        for line in expected {
            #expect(issues.contains(line), "missing: \(line)\nall:\n\(issues.joined(separator: "\n"))")
        }
        #expect(!issues.contains { $0.contains("feature 0:") || $0.contains("feature 0 (") })
    }

    @Test func reportsEveryCatalogProblemAtOnce() throws {
        let issues = try self.invalidIssues()
        let expected = [
            "catalog.json: category 0 (code streetlight): department: unknown department 'XX'",
            "catalog.json: category 0 (code streetlight): assist[1]: unknown department 'YY'",
            "catalog.json: category 1 (code pipes): department: required",
            "catalog.json: category 2 (code mayor): handler: unknown value 'mayor' (expected one of: community, department, secretary, volunteer)",
            "catalog.json: category 2 (code mayor): urgency: unknown value 'asap' (expected one of: general, urgent, emergency)",
            "catalog.json: sla: emergency: required",
            "catalog.json: sla: urgent.resolve: '5 days' is not an ISO 8601 duration (e.g. PT30M, PT24H, P5D)",
            "catalog.json: sla: general.resolve: 'P1M' is not an ISO 8601 duration (e.g. PT30M, PT24H, P5D)",
            "catalog.json: sla: general.workingDays: must be true or false, not string",
            "catalog.json: calendar: holidays[0]: '2026-13-01' is not a YYYY-MM-DD date",
            "catalog.json: calendar: workdays[0]: '27/09/2026' is not a YYYY-MM-DD date",
            "catalog.json: escalation: district: must be >= street (2.0)",
        ]
        for line in expected {
            #expect(issues.contains(line), "missing: \(line)\nall:\n\(issues.joined(separator: "\n"))")
        }
        #expect(!issues.contains { $0.contains("assist[0]") })
    }

    @Test func namesTheFileOfInvalidJSON() throws {
        let catalog = try Data(contentsOf: Fixtures.folder("valid").appendingPathComponent("catalog.json"))
        let error = try #require(throws: JurisdictionError.self) {
            try Jurisdiction.decode(gridsJSON: Data("{\"type\": \"FeatureCollection\", ".utf8), catalogJSON: catalog)
        }
        #expect(error.issues.count == 1)
        #expect(error.issues[0].file == "grids.geojson")
        #expect(error.issues[0].message.hasPrefix("not valid JSON"))
        #expect(error.description.contains("grids.geojson: not valid JSON"))
    }

    @Test func namesAnUnreadableFile() throws {
        let error = try #require(throws: JurisdictionError.self) {
            try Jurisdiction.load(folder: Fixtures.folder("missing"))
        }
        #expect(error.issues.map(\.file) == ["grids.geojson", "catalog.json"])
        #expect(error.issues.allSatisfy { $0.message.hasPrefix("cannot read") })
    }

    @Test func rejectsShapesThatAreNotFeatureCollections() throws {
        let catalog = try Data(contentsOf: Fixtures.folder("valid").appendingPathComponent("catalog.json"))
        let grids = Data(#"{"type": "Feature", "features": {"a": 1}}"#.utf8)
        let error = try #require(throws: JurisdictionError.self) {
            try Jurisdiction.decode(gridsJSON: grids, catalogJSON: catalog)
        }
        #expect(error.issues.map(\.description) == [
            "grids.geojson: type: must be \"FeatureCollection\"",
            "grids.geojson: features: must be an array, not object",
        ])
    }

    @Test func validatesRingsAndLatitude() throws {
        let catalog = try Data(contentsOf: Fixtures.folder("valid").appendingPathComponent("catalog.json"))
        let grids = Data("""
        {"type": "FeatureCollection", "features": [{"type": "Feature",
          "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[1, 1], [2, 1], [1, 1]]],
            [[[1, 95], [2, 1], [2, 2], [1, 95]]]
          ]},
          "properties": {"code": "G", "name": "G", "community": {"code": "c", "name": "c"},
            "street": {"code": "s", "name": "s"}, "district": {"code": "d", "name": "d"},
            "worker": {"name": "w", "phone": "1"}, "secretary": {"name": "s", "phone": "2"}}}]}
        """.utf8)
        let error = try #require(throws: JurisdictionError.self) {
            try Jurisdiction.decode(gridsJSON: grids, catalogJSON: catalog)
        }
        #expect(error.issues.map(\.description) == [
            "grids.geojson: feature 0 (code G): geometry.coordinates[0][0]: a ring needs at least 4 positions (found 3)",
            "grids.geojson: feature 0 (code G): geometry.coordinates[1][0][0]: latitude 95.0 is outside [-90, 90]",
        ])
    }

    @Test func escalationMultiplesMustBePositive() throws {
        let grids = try Data(contentsOf: Fixtures.folder("valid").appendingPathComponent("grids.geojson"))
        let catalog = Data("""
        {"departments": [], "categories": [],
         "sla": {"general": {"respond": "P1D", "resolve": "P5D"}, "urgent": {"respond": "PT2H", "resolve": "PT24H"},
                 "emergency": {"respond": "PT30M", "resolve": "PT24H"}},
         "escalation": {"street": 0, "district": -1}}
        """.utf8)
        let error = try #require(throws: JurisdictionError.self) {
            try Jurisdiction.decode(gridsJSON: grids, catalogJSON: catalog)
        }
        #expect(error.issues.map(\.description) == [
            "catalog.json: escalation: street: must be a number > 0",
            "catalog.json: escalation: district: must be a number > 0",
        ])
    }
}
