import Foundation
import Testing

/// The knowledge base and direct answers (CONTRACTS section 12) on the running stack: articles
/// over the API and from Markdown files, search in a caller's words (the judged set's recall),
/// and a call answered on the phone that is never routed unless the caller is dissatisfied.
@Suite struct KnowledgeTests {
    /// Loads the demo district's articles (idempotent: the stack may have loaded them already).
    static func importDemo(_ stack: Stack) throws {
        let (status, output) = try stack.command("intake", ["import-knowledge", stack.root.appendingPathComponent("deploy/demo/knowledge").path])
        #expect(status == 0, "\(output)")
    }

    func search(_ stack: Stack, _ q: String, key: String? = nil) async throws -> (status: Int, results: [[String: Any]]) {
        var components = URLComponents(string: stack["INTAKE_URL"] + "/v1/knowledge/search")!
        components.queryItems = [URLQueryItem(name: "q", value: q)]
        let (status, json) = try await stack.http("GET", components.url!.absoluteString, key: key ?? stack["OPERATOR_KEY"])
        return (status, json["results"] as? [[String: Any]] ?? [])
    }

    @Test func articlesAreKeptOverTheAPIWithTheirHistory() async throws {
        let stack = try Stack.load()
        let url = stack["INTAKE_URL"] + "/v1/knowledge"
        let marker = "测验\(Int.random(in: 100_000...999_999))"
        let article: [String: Any] = [
            "title": "\(marker)门前雪铲除办法", "body": "冬季\(marker)门前积雪由沿街单位负责铲除。", "categories": ["road_damage"],
            "keywords": ["铲雪", marker], "department": "CG", "validFrom": "2026-01-01",
        ]
        let (created, body) = try await stack.http("POST", url, json: article, key: stack["ADMIN_KEY"])
        #expect(created == 201)
        let id = try #require(body["id"] as? String)
        #expect(body["version"] as? Int == 1)

        // Operators may search but not write; a department key writes its own articles only.
        #expect(try await stack.http("POST", url, json: article, key: stack["OPERATOR_KEY"]).status == 403)
        let zj = try await stack.departmentKey("ZJ")
        #expect(try await stack.http("PUT", "\(url)/\(id)", json: article, key: zj).status == 403)
        let own: [String: Any] = ["title": "住建部门自有条目\(String(marker.reversed()))", "body": "物业服务说明。"]
        let (ownStatus, ownBody) = try await stack.http("POST", url, json: own, key: zj)
        #expect(ownStatus == 201)
        #expect(ownBody["department"] as? String == "ZJ")

        var changed = article
        changed["body"] = "冬季\(marker)门前积雪由沿街单位在雪停后12小时内铲除。"
        let (updated, updatedBody) = try await stack.http("PUT", "\(url)/\(id)", json: changed, key: stack["ADMIN_KEY"])
        #expect(updated == 200)
        #expect(updatedBody["version"] as? Int == 2)
        let (_, shown) = try await stack.http("GET", "\(url)/\(id)", key: stack["OPERATOR_KEY"])
        let history = shown["history"] as? [[String: Any]] ?? []
        #expect(history.compactMap { $0["action"] as? String } == ["created", "updated"])
        #expect(history.allSatisfy { $0["by"] is String && $0["at"] is String })

        let found = try await self.search(stack, "\(marker)门口的雪谁来铲")
        #expect(found.status == 200)
        #expect(found.results.first?["id"] as? String == id)
        #expect(found.results.first.map { $0["title"] is String && $0["snippet"] is String && $0["score"] is Double } == true)
        #expect(try await self.search(stack, "\(marker)铲雪", key: zj).status == 403)

        // Bad input: every field named, nothing written.
        let (bad, badBody) = try await stack.http(
            "POST", url, json: ["title": "", "categories": ["nope"], "department": "XX", "validTo": "2026-02-30", "colour": 1],
            key: stack["ADMIN_KEY"]
        )
        #expect(bad == 400)
        let fields = Set(((badBody["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
        #expect(fields.isSuperset(of: ["title", "body", "categories[0]", "department", "validTo", "colour"]))

        // An expired article is never offered.
        var expired = article
        expired["title"] = "\(marker)过期的铲雪通知"
        expired["validFrom"] = "2025-01-01"
        expired["validTo"] = "2025-12-31"
        let (expiredStatus, expiredBody) = try await stack.http("POST", url, json: expired, key: stack["ADMIN_KEY"])
        #expect(expiredStatus == 201)
        let offered = try await self.search(stack, "\(marker)过期的铲雪通知").results.compactMap { $0["id"] as? String }
        #expect(!offered.contains(expiredBody["id"] as? String ?? ""))

        #expect(try await stack.http("DELETE", "\(url)/\(id)", key: stack["ADMIN_KEY"]).status == 204)
        #expect(try await stack.http("GET", "\(url)/\(id)", key: stack["ADMIN_KEY"]).status == 404)
        #expect(!(try await self.search(stack, "\(marker)门口的雪").results.contains { $0["id"] as? String == id }))
        for other in [ownBody["id"], expiredBody["id"]].compactMap({ $0 as? String }) {
            _ = try await stack.http("DELETE", "\(url)/\(other)", key: stack["ADMIN_KEY"])
        }
    }

    @Test func importNamesFileAndFieldAndIsIdempotent() async throws {
        let stack = try Stack.load()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let slug = "import-test-\(Int.random(in: 100_000...999_999))"
        try """
            ---
            title: 导入测试\(slug)
            categories: [policy_question]
            keywords: [导入测试]
            department: MZ
            ---
            正文。
            """.write(to: folder.appendingPathComponent("\(slug).md"), atomically: true, encoding: .utf8)
        let first = try stack.command("intake", ["import-knowledge", folder.path])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("1 created or changed"))
        let again = try stack.command("intake", ["import-knowledge", folder.path])
        #expect(again.output.contains("0 created or changed, 1 unchanged"), "\(again.output)")
        let versions = try await stack.sql(
            "SELECT count(*) AS n FROM knowledge_versions v JOIN knowledge_articles a ON a.id = v.article_id WHERE a.slug = $1", [slug]
        )
        #expect(try versions[0].decode("n", as: Int.self) == 1)

        try """
            ---
            title: 坏文件
            department: XX
            validTo: 明天
            ---
            正文。
            """.write(to: folder.appendingPathComponent("bad.md"), atomically: true, encoding: .utf8)
        let bad = try stack.command("intake", ["import-knowledge", folder.path])
        #expect(bad.status != 0)
        #expect(bad.output.contains("bad.md: department: unknown department 'XX'"), "\(bad.output)")
        #expect(bad.output.contains("bad.md: validTo: must be a date YYYY-MM-DD"), "\(bad.output)")
        try await stack.sql("UPDATE knowledge_articles SET deleted_at = now(), deleted_by = 'test' WHERE slug = $1", [slug])
    }

    @Test func aDirectAnswerIsNeverRoutedAndADissatisfiedCallerIsRouted() async throws {
        let stack = try Stack.load()
        try Self.importDemo(stack)
        let hit = try #require(try await self.search(stack, "今年医保交多少钱").results.first)
        let articleId = try #require(hit["id"] as? String)
        let title = try #require(hit["title"] as? String)
        let stats0 = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/stats", key: stack["OPERATOR_KEY"]).json
        let answered0 = (stats0["total"] as? [String: Any])?["answered"] as? Int ?? 0

        var body = demoTicket("想问一下今年医保交多少钱")
        body["location"] = nil
        body["answer"] = ["article": articleId, "note": "已电话告知"]
        let (status, created) = try await stack.createTicket(body)
        #expect(status == 201, "\(created)")
        #expect(created["status"] as? String == "answered")
        let id = try #require(created["id"] as? String)
        let number = try #require(created["number"] as? String)

        let sms = try await stack.waitForSMS { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "answer" }
        let text = sms.first?["text"] as? String ?? ""
        #expect(sms.count == 1)
        #expect(text.contains(title))
        #expect(text.count <= 134, "two segments at most: \(text.count) characters")
        // Never routed: no task, no receipt, still answered, history of one event.
        try await Task.sleep(for: .seconds(1))
        #expect(try await stack.historyTypes(id) == ["ticket.answered"])
        let tasks = try await stack.sql("SELECT count(*) AS n FROM outbox WHERE ticket_id = $1::uuid AND exchange <> 'hotline.events'", [id])
        #expect(try tasks[0].decode("n", as: Int.self) == 0)
        #expect(stack.smsSink().filter { $0["ticketNumber"] as? String == number && $0["kind"] as? String == "receipt" }.isEmpty)
        let use = try await stack.sql("SELECT article_id::text AS a FROM knowledge_uses WHERE ticket_id = $1::uuid", [id])
        #expect(try use.first?.decode("a", as: String.self) == articleId)
        let stats = try await stack.http("GET", stack["INTAKE_URL"] + "/v1/stats", key: stack["OPERATOR_KEY"]).json
        let total = stats["total"] as? [String: Any] ?? [:]
        #expect((total["answered"] as? Int ?? 0) >= answered0 + 1)
        #expect(total["directAnswerRate"] is Double)

        // An unknown article is a 400 naming the field, and writes nothing.
        var unknown = demoTicket("医保问题")
        unknown["answer"] = ["article": UUID().uuidString.lowercased()]
        let refused = try await stack.createTicket(unknown)
        #expect(refused.status == 400)

        // Dissatisfied: the answered call becomes a normal ticket and is routed.
        let (rated, ratedBody) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/rating", json: ["score": 3], key: stack["OPERATOR_KEY"])
        #expect(rated == 200, "\(ratedBody)")
        #expect(ratedBody["status"] as? String == "received")
        let routed = try await stack.waitForTicket(id) { !["received", "answered"].contains($0["status"] as? String ?? "") }
        #expect(["assigned", "unroutable"].contains(routed["status"] as? String ?? ""), "\(routed["status"] ?? "-")")
        let history = try await stack.historyTypes(id)
        #expect(Array(history.prefix(3)) == ["ticket.answered", "ticket.rated", "ticket.received"])
    }

    @Test func aSatisfiedRatingClosesADirectAnswer() async throws {
        let stack = try Stack.load()
        try Self.importDemo(stack)
        let hit = try #require(try await self.search(stack, "社保卡丢了怎么补办").results.first)
        var body = demoTicket("社保卡丢了怎么补办")
        body["answer"] = ["article": hit["id"] as? String ?? ""]
        let (_, created) = try await stack.createTicket(body)
        let id = try #require(created["id"] as? String)
        let (rated, ratedBody) = try await stack.http("POST", stack["INTAKE_URL"] + "/v1/tickets/\(id)/rating", json: ["score": 1], key: stack["OPERATOR_KEY"])
        #expect(rated == 200)
        #expect(ratedBody["status"] as? String == "closed")
    }

    /// Recall of the judged set (`Tests/Fixtures/knowledge/questions.json`) through the API.
    @Test func judgedSetRecall() async throws {
        let stack = try Stack.load()
        try Self.importDemo(stack)
        struct Judged: Decodable {
            var q: String
            var article: String
        }
        let judged = try JSONDecoder().decode(
            [Judged].self, from: Data(contentsOf: stack.root.appendingPathComponent("Tests/Fixtures/knowledge/questions.json"))
        )
        #expect(judged.count >= 60)
        let slugs = try await stack.sql("SELECT id::text AS id, slug FROM knowledge_articles WHERE slug IS NOT NULL AND deleted_at IS NULL")
        var slugOf: [String: String] = [:]
        for row in slugs { slugOf[try row.decode("id", as: String.self)] = try row.decode("slug", as: String.self) }
        var top1 = 0, top3 = 0
        var latencies: [Double] = []
        for item in judged {
            let start = Date()
            let results = try await self.search(stack, item.q).results.compactMap { ($0["id"] as? String).flatMap { slugOf[$0] } }
            latencies.append(Date().timeIntervalSince(start) * 1000)
            if results.first == item.article { top1 += 1 }
            if results.prefix(3).contains(item.article) { top3 += 1 } else { print("knowledge miss: \(item.q) -> \(results.prefix(3))") }
        }
        let recall1 = Double(top1) / Double(judged.count), recall3 = Double(top3) / Double(judged.count)
        latencies.sort()
        print("knowledge judged set (API): \(judged.count) questions, recall@1 \(recall1), recall@3 \(recall3), p50 \(latencies[latencies.count / 2]) ms")
        #expect(recall1 >= Self.floor1, "recall@1 \(recall1)")
        #expect(recall3 >= Self.floor3, "recall@3 \(recall3)")
    }

    /// Floors set a little under what was measured (docs/knowledge.md).
    static let floor1 = 0.83, floor3 = 0.92
}
