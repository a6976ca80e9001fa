import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Intake

/// `POST /v1/jurisdiction/what-if` and `GET /v1/jurisdiction/versions` on
/// ``InMemoryJurisdictionReplay``: admins only for the replay, each bad part of the body named,
/// and a replay of the jurisdiction against itself answered as JSON and as the printable page.
@Suite struct WhatIfRouterTests {
    let fixture = IntakeRouterFixture()

    /// The test jurisdiction's two documents, as files.
    static func documents() throws -> (grids: Data, catalog: Data) {
        let folder = StackEnvironment.repositoryRoot().appendingPathComponent("Tests/HotlineDomainTests/Fixtures/valid")
        return (try Data(contentsOf: folder.appendingPathComponent("grids.geojson")), try Data(contentsOf: folder.appendingPathComponent("catalog.json")))
    }

    /// `data` parsed as JSON.
    static func parsed(_ data: Data) throws -> Any {
        try JSONSerialization.jsonObject(with: data)
    }

    @Test func onlyAdminsReplayAndStaffReadTheVersions() async throws {
        let (operator_, department) = (try await self.fixture.key(.operator_), try await self.fixture.key(.department, department: "CG"))
        try await self.fixture.test { client in
            try await client.expect(.unauthorized, .post, "/v1/jurisdiction/what-if", json: [:])
            try await client.expect(.forbidden, .post, "/v1/jurisdiction/what-if", key: operator_, json: [:])
            try await client.expect(.forbidden, .get, "/v1/jurisdiction/versions", key: department)
            let versions = try await client.call(.get, "/v1/jurisdiction/versions", key: operator_)
            #expect(versions.status == .ok)
            let list = versions.json["versions"] as? [[String: Any]] ?? []
            #expect(list.first?["version"] as? Int == 1)
            #expect(list.first?["current"] as? Bool == true)
        }
    }

    @Test func aBadBodyNamesEachField() async throws {
        let admin = try await self.fixture.key(.admin)
        let (_, catalogFile) = try Self.documents()
        try await self.fixture.test { client in
            let empty = try await client.call(.post, "/v1/jurisdiction/what-if", key: admin, json: ["since": "ninety days", "limit": 0])
            #expect(empty.status == .badRequest)
            #expect(errorFields(empty.json) == ["since", "limit", "grids", "catalog"])
            let badGrids = try await client.call(
                .post, "/v1/jurisdiction/what-if", key: admin, json: [
                    "grids": ["type": "FeatureCollection", "features": [["type": "Feature", "properties": [:], "geometry": NSNull()]]],
                    "catalog": try Self.parsed(catalogFile),
                ]
            )
            #expect(badGrids.status == .badRequest)
            #expect(!errorFields(badGrids.json).isEmpty)
        }
    }

    @Test func theCurrentJurisdictionAgainstItselfChangesNothing() async throws {
        let admin = try await self.fixture.key(.admin)
        let (gridsFile, catalogFile) = try Self.documents()
        try await self.fixture.test { client in
            let (grids, catalog) = (try Self.parsed(gridsFile), try Self.parsed(catalogFile))
            let report = try await client.call(.post, "/v1/jurisdiction/what-if", key: admin, json: ["grids": grids, "catalog": catalog, "since": "P30D"])
            #expect(report.status == .ok)
            #expect(report.json["since"] as? String == "P30D")
            #expect(report.json["changedTickets"] as? Int == 0)
            let page = try await client.execute(
                uri: "/v1/jurisdiction/what-if?format=html", method: .post,
                headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["grids": grids, "catalog": catalog]))
            )
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(decoding: page.body.readableBytesView, as: UTF8.self).contains("<svg"))
        }
    }
}
