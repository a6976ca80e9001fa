import CaseStore
import Foundation
import HTTPTypes
import HotlineDomain
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake

/// Open311 GeoReport v2 on ``InMemoryOpen311``: who may submit, GeoReport's errors, which
/// tickets and photos anyone sees, and what an operator's key sees besides.
@Suite struct Open311RouterTests {
    let fixture = IntakeRouterFixture()

    /// `method uri` with a form body; answers the status and the JSON array (or object) answered.
    static func call(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, form: String? = nil) async throws -> (status: HTTPResponse.Status, json: Any?) {
        var headers: HTTPFields = [:]
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) })
        return (response.status, try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
    }

    /// The first record of a GeoReport answer.
    static func first(_ json: Any?) -> [String: Any] { (json as? [[String: Any]])?.first ?? [:] }

    @Test func submittingNeedsAnOpen311OrOperatorKey() async throws {
        let department = try await self.fixture.key(.department, department: "CG")
        try await self.fixture.test { client in
            let form = "service_code=streetlight&address_string=水川镇1号&description=路灯不亮"
            #expect(try await Self.call(client, .post, "/open311/v2/requests.json", form: form).status == .forbidden)
            #expect(try await Self.call(client, .post, "/open311/v2/requests.json", form: form + "&api_key=hk_unknown").status == .forbidden)
            let refused = try await Self.call(client, .post, "/open311/v2/requests.json", form: form + "&api_key=\(department)")
            #expect(refused.status == .forbidden)
            #expect(Self.first(refused.json)["description"] as? String == "api_key missing or not valid")
        }
        #expect(self.fixture.cases.tickets.isEmpty)
    }

    @Test func badRequestsAnswerGeoReportErrors() async throws {
        let open311 = try await self.fixture.key(.open311)
        try await self.fixture.test { client in
            let noCode = try await Self.call(client, .post, "/open311/v2/requests.json", form: "api_key=\(open311)&address_string=x")
            #expect(noCode.status == .badRequest)
            #expect(Self.first(noCode.json)["code"] as? Int == 400)
            let unknown = try await Self.call(client, .post, "/open311/v2/requests.json", form: "api_key=\(open311)&service_code=ufo&address_string=x")
            #expect(unknown.status == .notFound)
            let nowhere = try await Self.call(client, .post, "/open311/v2/requests.json", form: "api_key=\(open311)&service_code=streetlight")
            #expect(nowhere.status == .badRequest)
            let badLat = try await Self.call(client, .post, "/open311/v2/requests.json", form: "api_key=\(open311)&service_code=streetlight&lat=north&long=1")
            #expect(badLat.status == .badRequest)
            #expect((Self.first(badLat.json)["description"] as? String)?.contains("lat") == true)
            #expect(try await Self.call(client, .get, "/open311/v2/requests.json?status=pending").status == .badRequest)
            #expect(try await Self.call(client, .get, "/open311/v2/requests.json?start_date=yesterday").status == .badRequest)
            #expect(try await Self.call(client, .get, "/open311/v2/requests.txt").status == .notFound)
            #expect(try await Self.call(client, .get, "/open311/v2/services/ufo.json").status == .notFound)
            let discovery = String(buffer: try await client.execute(uri: "/open311/discovery.xml", method: .get, headers: [:], body: nil).body)
            #expect(discovery.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?><discovery><changeset>"))
            #expect(discovery.contains("/open311/v2/</url><changeset>2026-11-22T00:00:00Z</changeset><type>production</type>"))
        }
        #expect(self.fixture.cases.tickets.isEmpty)
    }

    @Test func anyoneSeesOnlyTicketsSubmittedThroughOpen311() async throws {
        let (open311, operator_) = (try await self.fixture.key(.open311), try await self.fixture.key(.operator_))
        let phoned = try await self.fixture.assignedTicket()
        try await self.fixture.test { [cases = self.fixture.cases] client in
            let created = try await Self.call(
                client, .post, "/open311/v2/requests.json",
                form: "api_key=\(open311)&service_code=streetlight&address_string=水川镇1号&description=路灯不亮&phone=13800000001"
            )
            #expect(created.status == .created)
            let number = try #require(Self.first(created.json)["service_request_id"] as? String)
            let token = try #require(Self.first(created.json)["token"] as? String)
            let submitted = try #require(cases.tickets.first { $0.number == number })
            #expect(submitted.channel == .web)

            let listed = try await Self.call(client, .get, "/open311/v2/requests.json")
            #expect((listed.json as? [[String: Any]])?.compactMap { $0["service_request_id"] as? String } == [number])
            let all = try await Self.call(client, .get, "/open311/v2/requests.json?api_key=\(operator_)")
            #expect(Set((all.json as? [[String: Any]])?.compactMap { $0["service_request_id"] as? String } ?? []) == [number, phoned.number])
            let open = try await Self.call(client, .get, "/open311/v2/requests.json?status=closed")
            #expect((open.json as? [Any])?.isEmpty == true)

            let one = try await Self.call(client, .get, "/open311/v2/requests/\(number).json")
            #expect(Self.first(one.json)["service_name"] as? String == "路灯不亮")
            #expect(try await Self.call(client, .get, "/open311/v2/requests/\(phoned.number).json").status == .notFound)
            #expect(try await Self.call(client, .get, "/open311/v2/requests/\(phoned.number).json?api_key=\(operator_)").status == .ok)
            #expect(try await Self.call(client, .get, "/open311/v2/tokens/\(token).json").status == .ok)
            #expect(try await Self.call(client, .get, "/open311/v2/tokens/\(phoned.id).json").status == .notFound)
            #expect(try await Self.call(client, .get, "/open311/v2/tokens/not-a-token.json").status == .notFound)
        }
    }

    @Test func onlyAPublicTicketsPhotoIsMedia() async throws {
        let open311 = try await self.fixture.key(.open311)
        let phoned = try await self.fixture.assignedTicket()
        let hidden = self.fixture.open311.addPhoto(to: phoned.id, bytes: Data([1, 2, 3]), contentType: "image/png")
        try await self.fixture.test { [open311Photos = self.fixture.open311] client in
            let created = try await Self.call(
                client, .post, "/open311/v2/requests.json", form: "api_key=\(open311)&service_code=streetlight&lat=36.5&long=104.1"
            )
            let token = try #require(Self.first(created.json)["token"] as? String)
            let photo = open311Photos.addPhoto(to: token, bytes: Data([4, 5, 6]), contentType: "image/jpeg")
            let one = try await Self.call(client, .get, "/open311/v2/tokens/\(token).json")
            #expect(one.status == .ok)
            let number = try #require(Self.first(created.json)["service_request_id"] as? String)
            let request = try await Self.call(client, .get, "/open311/v2/requests/\(number).json")
            #expect((Self.first(request.json)["media_url"] as? String)?.hasSuffix("/open311/v2/media/\(photo)") == true)
            let media = try await client.execute(uri: "/open311/v2/media/\(photo)", method: .get, headers: [:], body: nil)
            #expect(media.status == .ok)
            #expect(media.headers[.contentType] == "image/jpeg")
            #expect(Array(media.body.readableBytesView) == [4, 5, 6])
            #expect(try await Self.call(client, .get, "/open311/v2/media/\(hidden)").status == .notFound)
            #expect(try await Self.call(client, .get, "/open311/v2/media/\(UUID().uuidString)").status == .notFound)
            #expect(try await Self.call(client, .get, "/open311/v2/media/nope").status == .notFound)
        }
    }
}
