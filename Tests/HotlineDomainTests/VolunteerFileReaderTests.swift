import Foundation
import Testing
@testable import HotlineDomain

/// The volunteers file (CONTRACTS section 16): valid entries read, every problem named by its
/// entry and field; the catalog's volunteer categories with their points.
@Suite struct VolunteerFileReaderTests {
    /// The fixture jurisdiction with a volunteer category `meal_delivery` worth 3 points.
    func jurisdiction() throws -> Jurisdiction {
        var jurisdiction = try Fixtures.jurisdiction()
        var meal = Category(code: "meal_delivery", name: "养老助餐", keywords: ["送餐"], handler: .volunteer)
        meal.points = 3
        jurisdiction.catalog.categories.append(meal)
        return jurisdiction
    }

    @Test func readsAValidFile() throws {
        let json = """
            [{"code": "V-001", "name": "王芳", "phone": "139 0931 0001", "community": "620402101", "skills": ["meal_delivery"],
              "weekdays": [1, 3], "observes": ["H-0001"]}]
            """
        let volunteers = try VolunteerFileReader.read(Data(json.utf8), file: "volunteers.json", jurisdiction: self.jurisdiction())
        #expect(volunteers.count == 1)
        #expect(volunteers[0].phone == "13909310001" && volunteers[0].weekdays == [1, 3] && volunteers[0].observes == ["H-0001"])
    }

    @Test func everyProblemNamesItsEntryAndField() throws {
        let json = """
            [{"code": "V-001", "name": "王芳", "phone": "13909310001", "community": "620402101", "skills": ["meal_delivery"]},
             {"code": "V-002", "name": "李强", "phone": "12", "community": "nowhere", "skills": ["streetlight", "nothing"], "weekdays": [8]},
             {"code": "V-001", "name": "赵六", "phone": "13909310003", "community": "620402101", "skills": []},
             {"name": "无名", "phone": "13909310004", "community": "620402101", "skills": ["meal_delivery"]}]
            """
        let error = try #require(throws: VolunteerFileError.self) {
            try VolunteerFileReader.read(Data(json.utf8), file: "volunteers.json", jurisdiction: self.jurisdiction())
        }
        let lines = error.issues.map(\.description)
        #expect(lines.contains("volunteers.json: volunteer 1 (code V-002): phone: not a phone number"), "\(lines)")
        #expect(lines.contains("volunteers.json: volunteer 1 (code V-002): community: unknown community 'nowhere' (not in grids.geojson)"))
        #expect(!lines.contains { $0.contains("skills[0]") }, "a known category of another handler is a skill without offers")
        #expect(lines.contains("volunteers.json: volunteer 1 (code V-002): skills[1]: unknown category 'nothing'"))
        #expect(lines.contains("volunteers.json: volunteer 1 (code V-002): weekdays[0]: must be an ISO weekday 1 (Monday) to 7 (Sunday)"))
        #expect(lines.contains("volunteers.json: volunteer 2 (code V-001): code: duplicate volunteer code"))
        #expect(lines.contains("volunteers.json: volunteer 3: code: required"))
    }

    @Test func notAnArrayIsRefused() throws {
        let error = try #require(throws: VolunteerFileError.self) {
            try VolunteerFileReader.read(Data("{}".utf8), file: "v.json", jurisdiction: self.jurisdiction())
        }
        #expect(error.issues.first?.description == "v.json: must be a JSON array of volunteers, not object")
    }

    @Test func catalogVolunteerCategoriesCarryPointsAndRouteToTheCommunity() throws {
        let folder = Fixtures.folder("valid")
        var catalog = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("catalog.json"))) as! [String: Any]
        var categories = catalog["categories"] as! [[String: Any]]
        categories.append(["code": "meal_delivery", "name": "养老助餐", "keywords": ["送餐", "助餐"], "handler": "volunteer", "points": 3])
        categories.append(["code": "tutoring", "name": "假期托管", "keywords": ["托管"], "handler": "volunteer"])
        catalog["categories"] = categories
        let jurisdiction = try Jurisdiction.decode(
            gridsJSON: Data(contentsOf: folder.appendingPathComponent("grids.geojson")), catalogJSON: JSONSerialization.data(withJSONObject: catalog)
        )
        #expect(jurisdiction.catalog.category(code: "meal_delivery")?.earnedPoints == 3)
        #expect(jurisdiction.catalog.category(code: "tutoring")?.earnedPoints == 1, "points default to 1")
        let router = Router(jurisdiction: jurisdiction, timeZone: Fixtures.shanghai)
        let grid = jurisdiction.grids[0]
        let decision = router.route(
            RoutingRequest(category: "meal_delivery", description: "老人需要送餐上门", address: nil, coordinate: nil, gridCode: grid.code),
            at: Fixtures.instant("2026-11-30T10:00:00+08:00")
        )
        #expect(decision.outcome == .routed && decision.handler == .volunteer && decision.departments.isEmpty)
        #expect(decision.reasons.contains { $0.contains("志愿者接单") })

        categories[categories.count - 1]["handler"] = "community"
        catalog["categories"] = categories
        categories[categories.count - 1]["points"] = 2
        catalog["categories"] = categories
        let refused = try #require(throws: JurisdictionError.self) {
            try Jurisdiction.decode(
                gridsJSON: Data(contentsOf: folder.appendingPathComponent("grids.geojson")), catalogJSON: JSONSerialization.data(withJSONObject: catalog)
            )
        }
        #expect("\(refused)".contains("points: only a category with handler 'volunteer' earns points"), "\(refused)")
    }
}
