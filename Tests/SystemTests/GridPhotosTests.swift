import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Photos beyond their checks (GridTests has those): the directory storage an intake uses when
/// `ATTACHMENTS_DIR` is set, and Open311's `media_url`, which shows only what the public itself
/// attached to a public ticket, never a staff photo (docs/grid.md#photos).
@Suite struct GridPhotosTests {
    let stack: Stack

    init() throws {
        self.stack = try Stack.load()
    }

    var intake: String { self.stack["INTAKE_URL"] }

    /// A JPEG whose APP1 block is EXIF (where a phone puts the position).
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10] + Array("Exif".utf8) + [0, 0] + Array("MM\0*GPS!".utf8)
        + [0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9]

    func upload(_ base: String, _ key: String, _ id: String, _ bytes: [UInt8]) async throws -> (status: Int, json: [String: Any]) {
        try await self.stack.http(
            "POST", base + "/v1/tickets/\(id)/attachments", key: key, headers: ["Content-Type": "image/jpeg"], body: Data(bytes)
        )
    }

    /// GET `url` (with `key` as a bearer, if any): status and bytes.
    func fetch(_ url: String, key: String? = nil) async throws -> (status: Int, data: Data) {
        var request = URLRequest(url: URL(string: url)!)
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func aDirectoryStorageKeepsPhotosAsFilesUnderAttachmentsDir() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-photos-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A port of its own beside this stack's intake (several stacks share the machine).
        let port = (URL(string: self.intake)?.port ?? 8080) + 57
        let second = try await ExtraInstance.start(self.stack, "intake", port: port, environment: ["ATTACHMENTS_DIR": folder.path])
        defer { second.stop() }
        let base = "http://127.0.0.1:\(port)"

        let (status, created) = try await self.stack.createTicket(demoTicket("小区门口井盖松动，车辆经过响声很大（照片目录测试）"))
        #expect(status == 201, "\(created)")
        let ticket = try #require(created["id"] as? String)
        let stored = try await self.upload(base, self.stack["OPERATOR_KEY"], ticket, Self.jpeg)
        #expect(stored.status == 201, "\(stored.json)")
        let id = try #require(stored.json["id"] as? String)

        let file = folder.appendingPathComponent(String(id.prefix(2))).appendingPathComponent(id)
        #expect([UInt8](try Data(contentsOf: file)) == Self.jpeg, "the photo is a file under ATTACHMENTS_DIR")
        let rows = try await self.stack.sql("SELECT count(*)::int AS n FROM attachment_bytes WHERE id = $1::uuid", [id])
        #expect(try rows.first?.decode("n", as: Int.self) == 0, "nothing of it in the database's byte table")
        let served = try await self.fetch(base + "/v1/attachments/\(id)", key: self.stack["OPERATOR_KEY"])
        #expect(served.status == 200 && [UInt8](served.data) == Self.jpeg)
        let listed = try await self.stack.ticket(ticket)["attachments"] as? [[String: Any]] ?? []
        #expect(listed.map { $0["id"] as? String } == [id], "the row is written as with the default storage")
    }

    func open311Request(_ description: String) async throws -> (number: String, id: String) {
        var request = URLRequest(url: URL(string: self.intake + "/open311/v2/requests.json")!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let form = [
            "api_key": self.stack["OPEN311_API_KEY"], "service_code": "streetlight", "description": description,
            "address_string": "金岸路东段\(Int.random(in: 1...9_999_999))号",
        ]
        request.httpBody = Data(form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201, "\(String(decoding: data, as: UTF8.self))")
        let answer = try #require((try JSONSerialization.jsonObject(with: data) as? [[String: Any]])?.first)
        return (try #require(answer["service_request_id"] as? String), try #require(answer["token"] as? String))
    }

    func mediaURL(_ number: String, key: String? = nil) async throws -> String? {
        let query = key.map { "?api_key=\($0)" } ?? ""
        let (status, data) = try await self.fetch(self.intake + "/open311/v2/requests/\(number).json\(query)")
        #expect(status == 200)
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]])?.first?["media_url"] as? String
    }

    @Test func open311ShowsThePublicsOwnPhotoAndNoStaffPhoto() async throws {
        let (number, id) = try await self.open311Request("路灯杆被撞歪，灯罩掉在人行道上（公开照片测试）")
        #expect(try await self.mediaURL(number) == nil, "no photo yet: no media_url")

        // Staff attach first: their photo (EXIF kept) is never public.
        let staff = try await self.upload(self.intake, self.stack["OPERATOR_KEY"], id, Self.jpeg)
        #expect(staff.status == 201)
        let staffId = try #require(staff.json["id"] as? String)
        #expect(try await self.mediaURL(number) == nil, "a staff photo gives no media_url")
        #expect(try await self.fetch(self.intake + "/open311/v2/media/\(staffId)").status == 404)

        // The Open311 client's own photo: public, without its EXIF block.
        let own = try await self.upload(self.intake, self.stack["OPEN311_API_KEY"], id, Self.jpeg)
        #expect(own.status == 201, "\(own.json)")
        let ownId = try #require(own.json["id"] as? String)
        let url = try #require(try await self.mediaURL(number))
        #expect(url.hasPrefix("http://") && url.hasSuffix("/open311/v2/media/\(ownId)"), "\(url)")
        let media = try await self.fetch(url)
        #expect(media.status == 200)
        #expect(!String(decoding: media.data, as: UTF8.self).contains("GPS"), "the public photo has no EXIF")
        #expect(try await self.mediaURL(number, key: self.stack["OPERATOR_KEY"]) == url, "staff see the same media_url")
        let (listStatus, list) = try await self.fetch(self.intake + "/open311/v2/requests.json?service_request_id=\(number)")
        #expect(listStatus == 200)
        #expect((try JSONSerialization.jsonObject(with: list) as? [[String: Any]])?.first?["media_url"] as? String == url)
        let (xmlStatus, xml) = try await self.fetch(self.intake + "/open311/v2/requests/\(number).xml")
        #expect(xmlStatus == 200 && String(decoding: xml, as: UTF8.self).contains("/open311/v2/media/\(ownId)</media_url>"))

        // A photo on a ticket that is not public is never served without a key, whoever took it.
        let (status, phone) = try await self.stack.createTicket(demoTicket("路灯不亮（非公开工单照片测试）"))
        #expect(status == 201)
        let other = try await self.upload(self.intake, self.stack["OPERATOR_KEY"], try #require(phone["id"] as? String), Self.jpeg)
        #expect(try await self.fetch(self.intake + "/open311/v2/media/\(try #require(other.json["id"] as? String))").status == 404)
        #expect(try await self.fetch(self.intake + "/open311/v2/media/not-a-uuid").status == 404)
    }
}
