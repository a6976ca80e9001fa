import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Intake's HTTP contract beyond the happy path: errors, paging, statistics, idempotency under
/// concurrency, and malformed input that must change nothing.
@Suite struct IntakeAPITests {
    @Test func contentTypeSizeAndRolesAreEnforced() async throws {
        let stack = try Stack.load()
        let url = stack["INTAKE_URL"] + "/v1/tickets"
        let (unsupported, body) = try await stack.http(
            "POST", url, key: stack["OPERATOR_KEY"], headers: ["Content-Type": "text/plain"], body: Data("hello".utf8)
        )
        #expect(unsupported == 415)
        #expect((body["error"] as? [String: Any])?["code"] as? String == "unsupported_media_type")
        let huge = Data(("{\"description\":\"" + String(repeating: "路", count: 40_000) + "\"}").utf8)
        let (tooLarge, _) = try await stack.http("POST", url, key: stack["OPERATOR_KEY"], headers: ["Content-Type": "application/json"], body: huge)
        #expect(tooLarge == 413)
        let (wrongKey, _) = try await stack.http("POST", url, json: demoTicket(), key: "hk_not_a_key")
        #expect(wrongKey == 401)
        let department = try await stack.departmentKey("CG")
        let (forbidden, _) = try await stack.http("POST", url, json: demoTicket(), key: department)
        #expect(forbidden == 403)
        let (notFound, _) = try await stack.http("GET", url + "/12345-19990101-000000", key: stack["OPERATOR_KEY"])
        #expect(notFound == 404)
    }

    @Test func listingPagesWithACursor() async throws {
        let stack = try Stack.load()
        for _ in 0..<3 { _ = try await stack.createTicket(demoTicket()) }
        let base = stack["INTAKE_URL"] + "/v1/tickets?limit=2"
        let (status, first) = try await stack.http("GET", base, key: stack["OPERATOR_KEY"])
        #expect(status == 200)
        let page1 = (first["tickets"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(page1.count == 2)
        let cursor = try #require(first["nextCursor"] as? String)
        let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
        let (_, second) = try await stack.http("GET", base + "&cursor=\(encoded)", key: stack["OPERATOR_KEY"])
        let page2 = (second["tickets"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(page2.count == 2)
        #expect(Set(page1).isDisjoint(with: page2))
        let (bad, _) = try await stack.http("GET", base + "&cursor=nonsense&status=flying", key: stack["OPERATOR_KEY"])
        #expect(bad == 400)
        let (filtered, body) = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/tickets?status=unroutable&limit=5", key: stack["OPERATOR_KEY"])
        #expect(filtered == 200)
        #expect((body["tickets"] as? [[String: Any]] ?? []).allSatisfy { $0["status"] as? String == "unroutable" })
    }

    @Test func statisticsByStreetGridAndDepartment() async throws {
        let stack = try Stack.load()
        _ = try await stack.createTicket(demoTicket())
        for groupBy in ["street", "grid", "department"] {
            let (status, body) = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/stats?groupBy=\(groupBy)", key: stack["OPERATOR_KEY"])
            #expect(status == 200)
            let total = try #require(body["total"] as? [String: Any])
            #expect((total["received"] as? Int ?? 0) >= 1)
            #expect(body["groups"] is [[String: Any]])
            for key in ["dispatched", "respondedOnTime", "resolved", "resolvedOnTime", "rated", "satisfied", "responseRate", "resolutionRate", "satisfactionRate"] {
                #expect(total.keys.contains(key), "total has \(key)")
            }
        }
        let (bad, _) = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/stats?groupBy=planet", key: stack["OPERATOR_KEY"])
        #expect(bad == 400)
    }

    @Test func concurrentRetriesWithOneKeyCreateOneTicket() async throws {
        let stack = try Stack.load()
        let key = UUID().uuidString
        let body = demoTicket()
        let data = try JSONSerialization.data(withJSONObject: body)
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await stack.http(
                        "POST", stack["INTAKE_URL"] + "/v1/tickets", key: stack["OPERATOR_KEY"],
                        headers: ["Content-Type": "application/json", "Idempotency-Key": key], body: data
                    ).json["id"] as? String
                }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(ids.count == 10)
        #expect(Set(ids.compactMap { $0 }).count == 1)
        let rows = try await stack.sql("SELECT count(*) AS n FROM idempotency_keys WHERE key = $1", [key])
        #expect(try rows[0].decode("n", as: Int.self) == 1)
    }

    /// Random malformed bodies, headers and query strings: only 4xx answers, and no ticket is
    /// written with the marker every body carries.
    @Test func malformedInputIsRefusedAndWritesNothing() async throws {
        let stack = try Stack.load()
        let marker = "FUZZ-\(UUID().uuidString.prefix(8))"
        var generator = SystemRandomNumberGenerator()
        let breakers: [(inout [String: Any]) -> Void] = [
            { $0["channel"] = ["fax", 7, true, ["x": 1]].randomElement()! },
            { $0["caller"] = ["phone": ["12", "abc", "1390000000", "+1 555 0100", 13_909_351_001].randomElement()!] },
            { $0["location"] = ["lat": [91, -91, "36.5", true].randomElement()!, "lon": 104.1] },
            { $0["location"] = [:] },
            { $0["description"] = ["", "   ", 42, ["a"], String(repeating: "长", count: 2001)].randomElement()! },
            { $0["urgency"] = ["now", "URGENT", 1].randomElement()! },
            { $0["major"] = ["earthquake", false].randomElement()! },
            { $0["category"] = "no_such_category_\(Int.random(in: 0...99))" },
            { $0["location"] = ["grid": "NO-SUCH-GRID"] },
            { $0["unexpected"] = "field" },
        ]
        for _ in 0..<60 {
            var body = demoTicket("\(marker) 路灯不亮")
            breakers.randomElement(using: &generator)!(&body)
            let (status, _) = try await stack.createTicket(body)
            #expect((400..<500).contains(status), "malformed body answered \(status): \(body)")
        }
        let raw = ["{", "[]", "null", "\"text\"", "{\"description\":", "\u{0}\u{1}", "{\"description\":\"\(marker)\",\"location\":{\"address\":1}}"]
        for text in raw {
            let (status, _) = try await stack.http(
                "POST", stack["INTAKE_URL"] + "/v1/tickets", key: stack["OPERATOR_KEY"], headers: ["Content-Type": "application/json"],
                body: Data(text.utf8)
            )
            #expect((400..<500).contains(status), "raw body \(text.debugDescription) answered \(status)")
        }
        for query in ["limit=0", "limit=abc", "from=yesterday", "cursor=%%%", "status=", "bogus=1"] {
            let (status, _) = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/tickets?\(query)", key: stack["OPERATOR_KEY"])
            #expect((400..<500).contains(status), "query \(query) answered \(status)")
        }
        for header in ["Bearer", "Basic abc", "Bearer \(String(repeating: "x", count: 500))", ""] {
            var request = URLRequest(url: URL(string: stack["INTAKE_URL"] + "/v1/tickets")!)
            request.setValue(header, forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 401)
        }
        let rows = try await stack.sql("SELECT count(*) AS n FROM tickets WHERE description LIKE $1", ["%\(marker)%"])
        #expect(try rows[0].decode("n", as: Int.self) == 0)
    }
}

/// Open311 GeoReport v2 in JSON and XML, as the specification shapes it.
@Suite struct Open311Tests {
    func xmlRoot(_ data: Data) -> String? {
        let parser = XMLParser(data: data)
        let delegate = RootElement()
        parser.delegate = delegate
        return parser.parse() ? delegate.root : nil
    }

    func get(_ stack: Stack, _ path: String) async throws -> (Int, Data) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: stack["INTAKE_URL"] + path)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    func post(_ stack: Stack, _ path: String, form: [String: String]) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: stack["INTAKE_URL"] + path)!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        request.httpBody = Data(form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func discoveryAndServices() async throws {
        let stack = try Stack.load()
        let (status, discovery) = try await self.get(stack, "/open311/discovery.json")
        #expect(status == 200)
        let endpoints = (try JSONSerialization.jsonObject(with: discovery) as? [String: Any])?["endpoints"] as? [[String: Any]]
        #expect(endpoints?.first?["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")

        let (_, json) = try await self.get(stack, "/open311/v2/services.json")
        let services = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        #expect(!services.isEmpty)
        for service in services {
            for key in ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"] {
                #expect(service.keys.contains(key), "service has \(key)")
            }
            #expect(service["metadata"] as? Bool == false)
            #expect(service["type"] as? String == "realtime")
        }
        let (xmlStatus, xml) = try await self.get(stack, "/open311/v2/services.xml")
        #expect(xmlStatus == 200)
        #expect(self.xmlRoot(xml) == "services")
        let code = try #require(services.first?["service_code"] as? String)
        let (definitionStatus, definition) = try await self.get(stack, "/open311/v2/services/\(code).json")
        #expect(definitionStatus == 200)
        #expect((try JSONSerialization.jsonObject(with: definition) as? [String: Any])?["service_code"] as? String == code)
        let (missing, error) = try await self.get(stack, "/open311/v2/services/no_such_service.json")
        #expect(missing == 404)
        let errors = try JSONSerialization.jsonObject(with: error) as? [[String: Any]]
        #expect(errors?.first?["code"] as? Int == 404)
        #expect(errors?.first?["description"] is String)
    }

    @Test func postRequestThenReadItBack() async throws {
        let stack = try Stack.load()
        let form = ["service_code": "streetlight", "address_string": "金岸路东段\(Int.random(in: 1...99_999))号", "description": "路灯不亮",
                    "first_name": "丽娟", "last_name": "张", "phone": "13909351001"]
        let (forbidden, denied) = try await self.post(stack, "/open311/v2/requests.json", form: form)
        #expect(forbidden == 403)
        #expect((try JSONSerialization.jsonObject(with: denied) as? [[String: Any]])?.first?["code"] as? Int == 403)
        var withKey = form
        withKey["api_key"] = stack["OPEN311_API_KEY"]
        let (created, body) = try await self.post(stack, "/open311/v2/requests.json", form: withKey)
        #expect(created == 201)
        let answer = try #require((try JSONSerialization.jsonObject(with: body) as? [[String: Any]])?.first)
        let number = try #require(answer["service_request_id"] as? String)
        let token = try #require(answer["token"] as? String)
        let ticket = try await stack.waitForTicket(number) { $0["status"] as? String == "assigned" }
        #expect(ticket["channel"] as? String == "web")

        let (_, one) = try await self.get(stack, "/open311/v2/requests/\(number).json")
        let request = try #require((try JSONSerialization.jsonObject(with: one) as? [[String: Any]])?.first)
        #expect(request["status"] as? String == "open")
        #expect(request["service_code"] as? String == "streetlight")
        #expect(request["agency_responsible"] as? String == "城市管理局")
        #expect(request["expected_datetime"] is String)
        #expect(request["requested_datetime"] is String)
        let (xmlStatus, xml) = try await self.get(stack, "/open311/v2/requests.xml?service_request_id=\(number)")
        #expect(xmlStatus == 200)
        #expect(self.xmlRoot(xml) == "service_requests")
        #expect(String(decoding: xml, as: UTF8.self).contains(number))
        let (_, tokens) = try await self.get(stack, "/open311/v2/tokens/\(token).json")
        #expect((try JSONSerialization.jsonObject(with: tokens) as? [[String: Any]])?.first?["service_request_id"] as? String == number)
        let (_, list) = try await self.get(stack, "/open311/v2/requests.json?service_code=streetlight&status=open")
        let listed = (try JSONSerialization.jsonObject(with: list) as? [[String: Any]] ?? []).compactMap { $0["service_request_id"] as? String }
        #expect(listed.contains(number))
        #expect(listed.count <= 1000)

        var noPlace = withKey
        noPlace["address_string"] = nil
        let (badRequest, _) = try await self.post(stack, "/open311/v2/requests.json", form: noPlace)
        #expect(badRequest == 400)
        var unknown = withKey
        unknown["service_code"] = "teleportation"
        let (notFound, _) = try await self.post(stack, "/open311/v2/requests.json", form: unknown)
        #expect(notFound == 404)
    }
}

/// Remembers the root element of a parsed XML document (nil when it is not well formed).
final class RootElement: NSObject, XMLParserDelegate {
    var root: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if self.root == nil { self.root = name }
    }
}
