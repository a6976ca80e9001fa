import AMQP
import Foundation
import HotlineCrypto
import Testing

/// The notifier end to end, on the real servers, sending to the gateway stub the tests steer:
/// every notification kind, the signature on every request, retries and permanent failures,
/// redeliveries, inbound ratings and receipts, the hourly rate limit, a slow gateway.
@Suite struct NotifierTests {
    /// receipt and assigned reach the caller, signed, with the number, the deadline and the handler.
    @Test func receiptAndAssignedReachTheCaller() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let (_, number) = try await notifier.assignedTicket(phone: phone)
        let attempts = try await notifier.waitForAttempts(phone) { Set($0.compactMap { $0["kind"] as? String }).isSuperset(of: ["receipt", "assigned"]) }
        #expect(attempts.compactMap { $0["kind"] as? String }.sorted() == ["assigned", "receipt"])
        #expect(attempts.allSatisfy { $0["signatureOk"] as? Bool == true && $0["ticketNumber"] as? String == number })
        let sms = try await notifier.stack.waitForSMS(count: 2) { $0["to"] as? String == phone }
        let receipt = try #require(sms.first { $0["kind"] as? String == "receipt" }?["text"] as? String)
        #expect(receipt.contains(number) && receipt.contains("承诺于") && receipt.contains("月"))
        let assigned = try #require(sms.first { $0["kind"] as? String == "assigned" }?["text"] as? String)
        #expect(assigned.contains("城市管理局"))
    }

    /// resolved -> rating_request; the resident's signed "3" reopens the ticket -> reopened.
    @Test func ratingRequestThenDissatisfiedReplyReopens() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let (id, number) = try await notifier.assignedTicket(phone: phone)
        #expect(try await notifier.resolve(id, department: try notifier.departmentKey("CG")) == 200)
        let request = try await notifier.stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "rating_request" }
        #expect((request.first?["text"] as? String)?.contains("回复1满意") == true)
        #expect((request.first?["text"] as? String)?.contains("路灯已更换") == true)

        let (status, answer) = try await notifier.inbound(from: phone, text: "不满意")
        #expect(status == 200)
        #expect(answer["outcome"] as? String == "rated 3")
        let ticket = try await notifier.stack.waitForTicket(id) { $0["status"] as? String == "assigned" }
        #expect(ticket["status"] as? String == "assigned")
        let reopened = try await notifier.stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "reopened" }
        #expect((reopened.first?["text"] as? String)?.contains(number) == true)
        let attempts = try await notifier.attempts(phone)
        #expect(attempts.allSatisfy { $0["signatureOk"] as? Bool == true })
        #expect(Set(attempts.compactMap { $0["kind"] as? String }) == ["receipt", "assigned", "rating_request", "reopened"])
    }

    /// A 三重 (major) ticket alerts the community secretary and the grid worker at once.
    @Test func majorTicketAlertsSecretaryAndGridWorker() async throws {
        let notifier = try NotifierHarness.load()
        let (_, number) = try await notifier.assignedTicket(phone: NotifierHarness.uniquePhone(), extra: ["major": "accident"])
        // 金岸社区第1网格: secretary 13909338017, worker 张涛 13909366371.
        let alerts = try await notifier.stack.waitForSMS(count: 2) {
            $0["ticketNumber"] as? String == number && $0["kind"] as? String == "secretary_alert"
        }
        #expect(Set(alerts.compactMap { $0["to"] as? String }) == ["13909338017", "13909366371"])
        #expect((alerts.first?["text"] as? String)?.contains("三重事项·重大事故") == true)
        let signed = try await notifier.attempts("13909338017").filter { $0["ticketNumber"] as? String == number }
        #expect(!signed.isEmpty && signed.allSatisfy { $0["signatureOk"] as? Bool == true })
    }

    /// 500, 500, 429, then 200: four attempts with the same messageId, each gap longer than the last.
    @Test func retriesServerErrorsWithTheSameMessageId() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        try await notifier.steer(phone, kind: "receipt", responses: [500, 500, 429])
        let (id, _) = try await notifier.assignedTicket(phone: phone)
        let attempts = try await notifier.waitForAttempts(phone, seconds: 20) {
            $0.contains { $0["kind"] as? String == "receipt" && $0["status"] as? Int == 200 }
        }.filter { $0["kind"] as? String == "receipt" }
        #expect(attempts.compactMap { $0["status"] as? Int } == [500, 500, 429, 200])
        #expect(Set(attempts.compactMap { $0["messageId"] as? String }).count == 1)
        #expect(attempts.allSatisfy { $0["signatureOk"] as? Bool == true })
        let times = attempts.compactMap { $0["at"] as? Double }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        print("retry gaps (s): \(gaps.map { String(format: "%.2f", $0) })")
        #expect(gaps.count == 3 && gaps[0] >= 0.7 && gaps[0] < gaps[1] && gaps[1] < gaps[2])
        let row = try #require(try notifier.notifications(ticket: id).first { $0["kind"] == "receipt" })
        #expect(row["status"] == "sent" && row["attempts"] == "4")
        #expect(try await notifier.stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "receipt" }.count == 1)
    }

    /// A 400 is permanent: one attempt, the row failed with the reason, `notification.failed` on the history.
    @Test func permanentRejectionIsRecordedAndAnnounced() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        try await notifier.steer(phone, kind: "receipt", responses: [400])
        let failedBefore = try await notifier.metric("hotline_sms_failed_total")
        let (id, _) = try await notifier.assignedTicket(phone: phone)
        var row: [String: String] = [:]
        for _ in 0..<100 {
            row = try notifier.notifications(ticket: id).first { $0["kind"] == "receipt" } ?? [:]
            if row["status"] == "failed" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(row["status"] == "failed")
        #expect(row["attempts"] == "1")
        #expect(row["last_error"]?.contains("400") == true)
        let history = try await notifier.stack.waitForTicket(id) {
            ($0["history"] as? [[String: Any]] ?? []).contains { $0["type"] as? String == "notification.failed" }
        }["history"] as? [[String: Any]] ?? []
        let failed = try #require(history.first { $0["type"] as? String == "notification.failed" }?["data"] as? [String: Any])
        #expect(failed["messageId"] as? String == row["id"])
        #expect(failed["kind"] as? String == "receipt")
        #expect(failed["to"] as? String == String(phone.prefix(3)) + "****" + String(phone.suffix(4)))
        #expect(try await notifier.attempts(phone).filter { $0["kind"] as? String == "receipt" }.count == 1)
        #expect(try await notifier.metric("hotline_sms_failed_total") >= failedBefore + 1)
        // The other messages of the ticket are unaffected.
        #expect(try await notifier.stack.waitForSMS { $0["to"] as? String == phone && $0["kind"] as? String == "assigned" }.count == 1)
    }

    /// The same event delivered again (same message id, and again under a new message id) plans
    /// and sends nothing new.
    @Test func redeliveredEventSendsNothingNew() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let (id, _) = try await notifier.assignedTicket(phone: phone)
        _ = try await notifier.waitForAttempts(phone) { $0.count >= 2 }
        let event = try #require(
            try notifier.sql(
                "SELECT event_id::text AS id, body FROM outbox WHERE ticket_id = $1::uuid AND message_type = 'ticket.received'", [id]
            ).first
        )
        let connection = try notifier.stack.amqp()
        defer { connection.close() }
        // Straight into the notifier's queue (default exchange), so no other consumer sees it.
        let eventId = try #require(event["id"])
        let body = Array(try #require(event["body"]).utf8)
        let copies = [eventId, UUID().uuidString.lowercased()].map { messageId in
            AMQPOutgoingMessage(
                exchange: "", routingKey: "notifier.events", body: body,
                properties: AMQPProperties(messageId: messageId, type: "ticket.received", contentType: "application/json", persistent: true)
            )
        }
        try connection.publishConfirmed(copies)
        try await Task.sleep(for: .seconds(2))
        #expect(try notifier.notifications(ticket: id).filter { $0["kind"] == "receipt" }.count == 1)
        #expect(try await notifier.attempts(phone).filter { $0["kind"] as? String == "receipt" }.count == 1)
    }

    /// A resident rates only their own ticket; a forged signature is 401 and changes nothing.
    @Test func inboundRatesOnlyTheSendersTicket() async throws {
        let notifier = try NotifierHarness.load()
        let (owner, stranger) = (NotifierHarness.uniquePhone(), NotifierHarness.uniquePhone())
        let (id, number) = try await notifier.assignedTicket(phone: owner)
        #expect(try await notifier.resolve(id, department: try notifier.departmentKey("CG")) == 200)
        _ = try await notifier.stack.waitForTicket(id) { $0["status"] as? String == "resolved" }

        // Another phone naming this ticket rates nothing and gets the help reply; its text is kept.
        let (status, answer) = try await notifier.inbound(from: stranger, text: "\(number) 1")
        #expect(status == 200)
        #expect((answer["outcome"] as? String)?.contains("not a ticket of this phone") == true)
        #expect(try await notifier.stack.waitForSMS { $0["to"] as? String == stranger && $0["kind"] as? String == "help" }.count == 1)
        #expect(try notifier.sql("SELECT body FROM inbound_sms WHERE sender = $1", [stranger]).first?["body"] == "\(number) 1")

        // Forged and missing signatures: 401, nothing stored, nothing rated.
        let body = try JSONSerialization.data(withJSONObject: ["from": owner, "text": "1"])
        let forged = HMACSHA256.signatureHeader(secret: "not-the-secret-but-long-enough-0123456789", timestamp: Int(Date().timeIntervalSince1970), body: Array(body))
        #expect(try await notifier.inbound(from: owner, text: "1", signature: forged).status == 401)
        #expect(try await notifier.inbound(from: owner, text: "1", signature: "").status == 401)
        #expect(try notifier.sql("SELECT id FROM inbound_sms WHERE sender = $1", [owner]).isEmpty)
        #expect(try await notifier.stack.ticket(id)["status"] as? String == "resolved")

        // The owner's "<number> <score>" rates it.
        let (ownStatus, own) = try await notifier.inbound(from: owner, text: "\(number) 1")
        #expect(ownStatus == 200)
        #expect(own["outcome"] as? String == "rated 1")
        #expect(own["ticketId"] as? String == id)
        let closed = try await notifier.stack.waitForTicket(id) { $0["status"] as? String == "closed" }
        #expect(closed["status"] as? String == "closed")
    }

    /// Delivery receipts update the row; a forged one is 401 and leaves it alone.
    @Test func receiptsUpdateTheRow() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let (id, _) = try await notifier.assignedTicket(phone: phone)
        _ = try await notifier.waitForAttempts(phone) { $0.count >= 2 }
        var rows: [[String: String]] = []
        for _ in 0..<50 {
            rows = try notifier.notifications(ticket: id).filter { $0["recipient"] == phone }
            if rows.count == 2, rows.allSatisfy({ $0["status"] == "sent" }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let receipt = try #require(rows.first { $0["kind"] == "receipt" }?["id"])
        let assigned = try #require(rows.first { $0["kind"] == "assigned" }?["id"])
        #expect(try await notifier.receipt(receipt, status: "delivered", signature: "sha256=00").status == 401)
        #expect(try notifier.sql("SELECT status FROM notifications WHERE id = $1::uuid", [receipt]).first?["status"] == "sent")
        #expect(try await notifier.receipt(receipt, status: "delivered").status == 200)
        #expect(try await notifier.receipt(assigned, status: "failed").status == 200)
        let after = try notifier.sql("SELECT status, delivered_at FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY kind DESC", ["{\(receipt),\(assigned)}"])
        #expect(after.map { $0["status"] } == ["delivered", "failed"])
        #expect(after.first?["delivered_at"] != nil)
        #expect(try await notifier.stack.historyOf(id).contains("notification.failed"))
        #expect(try await notifier.receipt(UUID().uuidString.lowercased(), status: "delivered").status == 404)
    }

    /// Twelve replies that rate nothing: ten help replies go out, two wait for the phone's hour, none is dropped.
    @Test func hourlyRateLimitDefersInsteadOfDropping() async throws {
        let notifier = try NotifierHarness.load()
        let phone = NotifierHarness.uniquePhone()
        let before = try await notifier.metric("hotline_sms_deferred_total{reason=\"rate_limit\"}")
        for index in 0..<12 {
            #expect(try await notifier.inbound(from: phone, text: "请问第\(index)次怎么办").status == 200)
        }
        let attempts = try await notifier.waitForAttempts(phone) { $0.count >= 10 }
        try await Task.sleep(for: .seconds(1.5))
        #expect(try await notifier.attempts(phone).count == 10, "limit 10 per hour (SMS_RATE_PER_HOUR default)")
        #expect(attempts.allSatisfy { $0["kind"] as? String == "help" })
        let rows = try notifier.sql(
            """
            SELECT status, deferred_reason, extract(epoch FROM not_before - now())::int::text AS wait
            FROM notifications WHERE recipient = $1 AND kind = 'help'
            """,
            [phone]
        )
        #expect(rows.count == 12)
        let held = rows.filter { $0["status"] == "pending" }
        #expect(held.count == 2)
        #expect(held.allSatisfy { $0["deferred_reason"] == "rate_limit" && (3000...3600).contains(Int($0["wait"] ?? "") ?? 0) })
        #expect(try await notifier.metric("hotline_sms_deferred_total{reason=\"rate_limit\"}") >= before + 2)
        #expect(try notifier.sql("SELECT count(*)::text AS n FROM inbound_sms WHERE sender = $1", [phone]).first?["n"] == "12")
    }

    /// A gateway that hangs past the notifier's time-out for one message neither stops the
    /// consumption of events nor loses the message: it is retried and sent.
    @Test func slowGatewayDoesNotBlockConsumption() async throws {
        let notifier = try NotifierHarness.load()
        let (slow, other) = (NotifierHarness.uniquePhone(), NotifierHarness.uniquePhone())
        try await notifier.steer(slow, kind: "receipt", responses: [200], delays: [7])
        let (slowId, _) = try await notifier.assignedTicket(phone: slow)
        let started = Date()
        let (otherId, _) = try await notifier.assignedTicket(phone: other)
        // The other ticket's messages are planned at once, while the slow send is still hanging.
        var planned = 0
        for _ in 0..<30 where planned < 2 {
            planned = try notifier.notifications(ticket: otherId).count
            if planned < 2 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(planned == 2)
        // Planned while the slow send still hung (it times out after 5 s): judged against when the
        // stub took that send, so a loaded machine's slower routing does not fail the test.
        let plannedAt = try notifier.sql(
            "SELECT extract(epoch FROM max(created_at))::text AS at FROM notifications WHERE ticket_id = $1::uuid", [otherId]
        ).first?["at"].flatMap(Double.init) ?? .infinity
        let slowSent = try await notifier.waitForAttempts(slow, seconds: 10) { !$0.isEmpty }.first?["at"] as? Double ?? 0
        #expect(plannedAt < slowSent + 5 || Date().timeIntervalSince(started) < 4, "planned \(plannedAt - slowSent) s after the slow send began")
        let attempts = try await notifier.waitForAttempts(slow, seconds: 25) {
            $0.filter { $0["kind"] as? String == "receipt" }.count >= 2
        }.filter { $0["kind"] as? String == "receipt" }
        #expect(attempts.count >= 2, "timed out, then retried")
        #expect(Set(attempts.compactMap { $0["messageId"] as? String }).count == 1)
        var row: [String: String] = [:]
        for _ in 0..<50 {
            row = try notifier.notifications(ticket: slowId).first { $0["kind"] == "receipt" } ?? [:]
            if row["status"] == "sent" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(row["status"] == "sent")
    }
}

extension Stack {
    /// Event types in the ticket's history, in order.
    func historyOf(_ id: String) async throws -> [String] {
        (try await self.ticket(id)["history"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    }
}
