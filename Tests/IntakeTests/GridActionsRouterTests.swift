import CaseStore
import Foundation
import HTTPTypes
import HotlineDomain
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake

/// 吹哨报到 (`POST /v1/tickets/{id}/summon`) and photos (`/v1/tickets/{id}/attachments`,
/// `/v1/attachments/{id}`) on ``InMemorySummons`` and ``InMemoryAttachments``: roles, a
/// secretary's community, bad input, unknown tickets and photos, who may read a photo.
@Suite struct GridActionsRouterTests {
    let fixture = IntakeRouterFixture()

    /// A 1x1 grey PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
        0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B, 0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63,
        0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60,
        0x82,
    ]

    @Test func summonRolesAndCommunity() async throws {
        let ticket = try await self.fixture.assignedTicket()
        let (department, grid, secretary, noCommunity, elsewhere) = (
            try await self.fixture.key(.department, department: "CG"), try await self.fixture.key(.grid, grid: "620402001"),
            try await self.fixture.key(.secretary, community: "620402101"), try await self.fixture.key(.secretary),
            try await self.fixture.key(.secretary, community: "620402102")
        )
        try await self.fixture.test { client in
            let body: [String: Any] = ["departments": ["GD"]]
            try await client.expect(.unauthorized, .post, "/v1/tickets/\(ticket.id)/summon", json: body)
            for key in [department, grid, noCommunity] {
                try await client.expect(.forbidden, .post, "/v1/tickets/\(ticket.id)/summon", key: key, json: body)
            }
            try await client.expect(.notFound, .post, "/v1/tickets/\(ticket.id)/summon", key: elsewhere, json: body)
            try await client.expect(.notFound, .post, "/v1/tickets/\(UUID().uuidString)/summon", key: secretary, json: body)
            let summoned = try await client.call(.post, "/v1/tickets/\(ticket.id)/summon", key: secretary, json: ["departments": ["GD", "GD"], "note": "一起来"])
            #expect(summoned.status == .ok)
            let departments = ((summoned.json["routing"] as? [String: Any])?["departments"] as? [[String: Any]] ?? []).map {
                "\($0["code"] ?? "")/\($0["role"] ?? "")"
            }
            #expect(departments == ["CG/lead", "GD/assist"])
        }
    }

    @Test func summonInputIsValidated() async throws {
        let ticket = try await self.fixture.assignedTicket()
        let operator_ = try await self.fixture.key(.operator_)
        try await self.fixture.test { client in
            for bad in [[:], ["departments": []], ["departments": "GD"], ["departments": [1]], ["departments": Array(repeating: "GD", count: 21)]] as [[String: Any]] {
                let answer = try await client.call(.post, "/v1/tickets/\(ticket.id)/summon", key: operator_, json: bad)
                #expect(answer.status == .badRequest)
                #expect(errorFields(answer.json) == ["departments"])
            }
            for codes in [["XX"], ["CG"]] {
                let answer = try await client.call(.post, "/v1/tickets/\(ticket.id)/summon", key: operator_, json: ["departments": codes])
                #expect(answer.status == .badRequest)
                #expect(errorFields(answer.json) == ["departments"])
            }
            let note = try await client.call(.post, "/v1/tickets/\(ticket.id)/summon", key: operator_, json: ["departments": ["GD"], "note": 5])
            #expect(errorFields(note.json) == ["note"])
        }
        #expect(try await self.fixture.cases.find(ticket.id)?.ticket.routing?.departments.count == 1)
    }

    /// Sends `bytes` as a photo of `ticket` typed `type`.
    static func upload(
        _ client: any TestClientProtocol, _ ticket: String, key: String, type: String = "image/png", bytes: [UInt8] = Self.png
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        let response = try await client.execute(
            uri: "/v1/tickets/\(ticket)/attachments", method: .post, headers: [.authorization: "Bearer \(key)", .contentType: type],
            body: ByteBuffer(bytes: bytes)
        )
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    @Test func photosAreCheckedAndReadByWhoMaySeeTheTicket() async throws {
        let ticket = try await self.fixture.assignedTicket(department: "CG")
        let (operator_, lead, other, screen, open311, worker) = (
            try await self.fixture.key(.operator_), try await self.fixture.key(.department, department: "CG"),
            try await self.fixture.key(.department, department: "GD"), try await self.fixture.key(.screen), try await self.fixture.key(.open311),
            try await self.fixture.key(.grid, grid: "620402003")
        )
        try await self.fixture.test { [photos = self.fixture.photos] client in
            #expect(try await Self.upload(client, ticket.id, key: screen).status == .forbidden)
            #expect(try await Self.upload(client, ticket.id, key: operator_, type: "text/plain").status == .unsupportedMediaType)
            let lying = try await Self.upload(client, ticket.id, key: operator_, type: "image/jpeg")
            #expect(lying.status == .badRequest)
            #expect(errorFields(lying.json) == ["body"])
            #expect(try await Self.upload(client, UUID().uuidString, key: operator_).status == .notFound)
            for key in [other, open311, worker] { #expect(try await Self.upload(client, ticket.id, key: key).status == .notFound) }
            #expect(photos.attachments(of: ticket.id).isEmpty)

            let stored = try await Self.upload(client, ticket.id, key: lead)
            #expect(stored.status == .created)
            let url = try #require(stored.json["url"] as? String)
            #expect(photos.attachments(of: ticket.id).first?.party == "CG")
            let read = try await client.execute(uri: url, method: .get, headers: [.authorization: "Bearer \(operator_)"], body: nil)
            #expect(read.status == .ok)
            #expect(read.headers[.contentType] == "image/png")
            #expect(Array(read.body.readableBytesView) == Self.png)
            for key in [other, open311, worker] { try await client.expect(.notFound, .get, url, key: key) }
            try await client.expect(.forbidden, .get, url, key: screen)
            try await client.expect(.notFound, .get, "/v1/attachments/\(UUID().uuidString)", key: operator_)
        }
    }

    @Test func anOpen311ClientReachesOnlyOpen311Tickets() async throws {
        let ticket = try await self.fixture.assignedTicket()
        let open311 = try await self.fixture.key(.open311)
        self.fixture.photos.markOpen311(ticket.id)
        try await self.fixture.test { [photos = self.fixture.photos] client in
            let stored = try await Self.upload(client, ticket.id, key: open311)
            #expect(stored.status == .created)
            #expect(photos.attachments(of: ticket.id).first?.party == nil)
        }
    }
}
