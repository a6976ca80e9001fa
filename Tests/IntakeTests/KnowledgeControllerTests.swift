import CaseStore
import Foundation
import HotlineDomain
import HummingbirdTesting
import Testing

@testable import Intake

/// `/v1/knowledge` on the in-memory repository: admins keep every article, a department only
/// its own; unknown articles are 404, bad drafts 400.
@Suite struct KnowledgeControllerTests {
    let fixture = IntakeRouterFixture()

    @Test func anArticleIsWrittenReadChangedAndDeleted() async throws {
        let (admin, operator_) = (try await self.fixture.key(.admin), try await self.fixture.key(.operator_))
        try await self.fixture.test { client in
            let created = try await client.call(.post, "/v1/knowledge", key: admin, json: ["title": "路灯报修", "body": "拨打12345报修路灯。", "department": "CG"])
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(created.headers[.location] == "/v1/knowledge/\(id)")
            let read = try await client.call(.get, "/v1/knowledge/\(id)", key: operator_)
            #expect(read.json["title"] as? String == "路灯报修")
            let changed = try await client.call(.put, "/v1/knowledge/\(id)", key: admin, json: ["title": "路灯报修流程", "body": "拨打12345。"])
            #expect(changed.status == .ok)
            #expect(changed.json["version"] as? Int == 2)
            #expect(((try await client.call(.get, "/v1/knowledge", key: operator_)).json["articles"] as? [Any])?.count == 1)
            try await client.expect(.noContent, .delete, "/v1/knowledge/\(id)", key: admin)
            try await client.expect(.notFound, .get, "/v1/knowledge/\(id)", key: operator_)
            try await client.expect(.notFound, .delete, "/v1/knowledge/\(id)", key: admin)
            try await client.expect(.notFound, .put, "/v1/knowledge/\(UUID().uuidString)", key: admin, json: ["title": "t", "body": "b"])
        }
    }

    @Test func aDepartmentWritesOnlyItsOwnArticles() async throws {
        let (admin, cg, sw) = (
            try await self.fixture.key(.admin), try await self.fixture.key(.department, department: "CG"),
            try await self.fixture.key(.department, department: "SW")
        )
        try await self.fixture.test { client in
            let own = try await client.call(.post, "/v1/knowledge", key: cg, json: ["title": "占道经营", "body": "城管受理。"])
            #expect(own.status == .created)
            #expect(own.json["department"] as? String == "CG")
            let id = try #require(own.json["id"] as? String)
            try await client.expect(.forbidden, .post, "/v1/knowledge", key: cg, json: ["title": "供水", "body": "水务", "department": "SW"])
            try await client.expect(.forbidden, .put, "/v1/knowledge/\(id)", key: sw, json: ["title": "改", "body": "改"])
            try await client.expect(.forbidden, .delete, "/v1/knowledge/\(id)", key: sw)
            let centre = try #require(try await client.call(.post, "/v1/knowledge", key: admin, json: ["title": "政策", "body": "咨询"]).json["id"] as? String)
            try await client.expect(.forbidden, .delete, "/v1/knowledge/\(centre)", key: cg)
            let listed = try await client.call(.get, "/v1/knowledge", key: sw)
            #expect((listed.json["articles"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func aBadDraftIsA400NamingItsFields() async throws {
        let admin = try await self.fixture.key(.admin)
        try await self.fixture.test { client in
            let answer = try await client.call(.post, "/v1/knowledge", key: admin, json: ["body": "", "department": "NOPE", "categories": ["no_such"]])
            #expect(answer.status == .badRequest)
            #expect(errorFields(answer.json).isSuperset(of: ["title", "body"]))
        }
        #expect(try await self.fixture.knowledge.list(department: nil, limit: 10).isEmpty)
    }
}
