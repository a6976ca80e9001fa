import Foundation
import Testing
@testable import HotlineDomain

/// The catalog's supervision rules: `returns` (review, community duty list) and `evaluation`
/// weights, validated at load like every other part.
@Suite struct CatalogSupervisionTests {
    /// The valid fixture's files with `extra` merged into the catalog's top level.
    func load(_ extra: [String: Any]) throws -> Jurisdiction {
        let folder = Fixtures.folder("valid")
        var catalog = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("catalog.json"))) as! [String: Any]
        catalog.merge(extra) { $1 }
        return try Jurisdiction.decode(
            gridsJSON: Data(contentsOf: folder.appendingPathComponent("grids.geojson")),
            catalogJSON: JSONSerialization.data(withJSONObject: catalog)
        )
    }

    func issues(_ extra: [String: Any]) throws -> [String] {
        let error = try #require(throws: JurisdictionError.self) { try self.load(extra) }
        return error.issues.map(\.description)
    }

    @Test func absentRulesAreTheDefaults() throws {
        let catalog = try Fixtures.jurisdiction().catalog
        #expect(catalog.returnPolicy == ReturnPolicy(review: false, communityDuties: []))
        #expect(catalog.weights == EvaluationWeights(response: 0.2, resolution: 0.4, satisfaction: 0.4))
    }

    @Test func readsReviewDutiesAndWeights() throws {
        let category = try Fixtures.jurisdiction().catalog.categories[0].code
        let catalog = try self.load([
            "returns": ["review": true, "communityDuties": [["category": category, "rule": "社区职责清单第3条"]]],
            "evaluation": ["weights": ["response": 0.5, "resolution": 0.25, "satisfaction": 0.25]],
        ]).catalog
        #expect(catalog.returnPolicy.review)
        #expect(catalog.returnPolicy.communityDuty(for: category)?.rule == "社区职责清单第3条")
        #expect(catalog.returnPolicy.communityDuty(for: "nothing") == nil)
        #expect(catalog.weights == EvaluationWeights(response: 0.5, resolution: 0.25, satisfaction: 0.25))
    }

    @Test func refusesADutyOfAnUnknownCategoryAndBadWeights() throws {
        let issues = try self.issues([
            "returns": ["review": "yes", "communityDuties": [["category": "teleport", "rule": "x"], ["category": "streetlight"]]],
            "evaluation": ["weights": ["response": -1, "resolution": "a lot"]],
        ])
        let text = issues.joined(separator: "\n")
        #expect(text.contains("review"), "\(text)")
        #expect(text.contains("unknown category 'teleport'"), "\(text)")
        #expect(text.contains("rule"), "\(text)")
        #expect(text.contains("weights.response"), "\(text)")
        #expect(text.contains("weights.resolution"), "\(text)")
    }
}
