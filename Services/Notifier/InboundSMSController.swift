import CaseStore
import Foundation
import HotlineCrypto
import HotlineDomain
import Hummingbird
import Logging
import Outbox
import Postgres

/// `POST /v1/sms/inbound` (replies: residents' ratings, grid workers' broadcast
/// acknowledgements, anything else answered with help and kept) and `POST /v1/sms/receipts`
/// (delivery reports), both signed by the gateway (`X-Hotline-Timestamp` and
/// `X-Hotline-Signature`, CONTRACTS.md section 6); a wrong or missing signature, or a timestamp
/// more than 300 s from this clock, is 401 and changes nothing. A repeated inbound `messageId`
/// (a gateway's retry, a replay) is answered 200 `{"duplicate": true}` and changes nothing.
struct InboundSMSController: Sendable {
    let pool: PostgresPool
    let store: CaseStore
    let jurisdiction: JurisdictionCache
    let templates: SMSTemplates
    let secret: String
    let logger: Logger

    struct Inbound: Decodable {
        var messageId: String
        var from: String
        var text: String
        var receivedAt: Date?
    }

    struct Receipt: Decodable {
        var messageId: String
        var status: String
        var at: Date?
    }

    /// How far a signed request's timestamp may be from this clock, in seconds.
    static let window: Double = 300

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/sms/inbound") { request, context in try await self.inbound(request, context) }
        router.post("v1/sms/receipts") { request, context in try await self.receipt(request, context) }
    }

    private func signedBody(_ request: Request) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let body = Array(buffer.readableBytesView)
        guard
            HMACSHA256.verify(
                signatureHeader: request.headers[.init("X-Hotline-Signature")!], timestampHeader: request.headers[.init("X-Hotline-Timestamp")!],
                secret: self.secret, body: body, now: Date().timeIntervalSince1970, window: Self.window
            )
        else {
            self.logger.warning("inbound SMS webhook refused: missing or wrong signature or timestamp", metadata: ["path": "\(request.uri.path)"])
            throw HTTPError(.unauthorized, message: "missing or wrong X-Hotline-Signature, or X-Hotline-Timestamp not within 300 s")
        }
        return body
    }

    private func inbound(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await self.signedBody(request)
        guard let message = try? HotlineJSON.decoder().decode(Inbound.self, from: Data(body)) else {
            throw HTTPError(.badRequest, message: "expected {messageId, from, text, receivedAt}")
        }
        let messageId = message.messageId.trimmingCharacters(in: .whitespaces)
        guard !messageId.isEmpty, messageId.utf8.count <= 200 else { throw HTTPError(.badRequest, message: "messageId: 1 to 200 characters") }
        guard message.text.count <= 1000 else { throw HTTPError(.badRequest, message: "text: at most 1000 characters") }
        guard let phone = PhoneNumber.normalize(message.from) else { throw HTTPError(.badRequest, message: "from: not a phone number") }
        let snapshot = try await self.jurisdiction.snapshot()
        let store = self.store
        let templates = self.templates
        // The gateway's time of reception, but never in the future nor older than the signature
        // window: a check-in reply counts only between that day's send and its deadline.
        let now = Date()
        let receivedAt = min(now, max(now.addingTimeInterval(-Self.window), message.receivedAt ?? now))
        let applied: (String, String?)? = try await self.pool.transaction { connection in
            // The message id first: a repeated one (the same row, committed or not) changes nothing.
            guard
                let row = try connection.query(
                    """
                    INSERT INTO inbound_sms (message_id, sender, body, received_at, outcome) VALUES ($1, $2, $3, $4, 'pending')
                    ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO NOTHING RETURNING id
                    """,
                    [messageId, phone, message.text, receivedAt]
                ).first
            else { return nil }
            let rowId = try row.decode("id", as: Int64.self)
            var (outcome, ticketId): (String, String?) = ("help", nil)
            // A grid worker's or secretary's command (docs/grid.md) comes first.
            if let command = try GridCommandReplies(store: store, templates: templates).handle(
                message.text, from: phone, at: receivedAt, using: snapshot, on: connection
            ) {
                (outcome, ticketId) = command
            // A pending check-in comes first: its "1" means "I am fine", not a rating.
            } else if CheckinReply.confirms(message.text), let checkin = try HouseholdCheckins().answer(from: phone, at: receivedAt, on: connection) {
                outcome = (checkin.missedAt == nil ? "checked in " : "checked in late ") + checkin.household
            } else if BroadcastAcknowledgement.matches(message.text),
                let acknowledged = try BroadcastAcknowledgement.record(from: phone, at: receivedAt, on: connection)
            {
                outcome = acknowledged
            } else if let reply = RatingReply.parse(message.text) {
                // Only a ticket this phone called in: another resident's number rates nothing.
                let candidates = try connection.query(
                    """
                    SELECT id::text AS id FROM tickets
                    WHERE caller_phone = $1 AND status IN ('resolved', 'answered') AND ($2::text IS NULL OR number = $2)
                    ORDER BY COALESCE(resolved_at, created_at) DESC LIMIT 1 FOR UPDATE
                    """,
                    [phone, reply.ticketNumber]
                )
                if let id = try candidates.first?.decode("id", as: String.self) {
                    _ = try store.rate(id, score: reply.score, reason: reply.reason, source: "sms", using: snapshot, on: connection)
                    (outcome, ticketId) = ("rated \(reply.score.rawValue)", id)
                } else {
                    outcome = reply.ticketNumber == nil ? "no ticket of this phone awaiting a rating" : "not a ticket of this phone awaiting a rating"
                }
            }
            if ticketId == nil, !outcome.hasPrefix("command"), !outcome.hasPrefix("acknowledged"), !outcome.hasPrefix("already acknowledged"), !outcome.hasPrefix("checked in") {
                // Anything else gets a polite help reply; it answers the resident, so quiet hours
                // do not hold it back, but the hourly rate limit does (no reply storms).
                try PlannedNotification.insert(
                    [
                        PlannedNotification(
                            sourceEvent: "inbound:" + UUID().uuidString.lowercased(), kind: "help", recipient: phone, role: "resident",
                            body: templates.render("help", [:]), urgent: false, notBefore: Date()
                        )
                    ],
                    on: connection
                )
            }
            try connection.query(
                "UPDATE inbound_sms SET outcome = $2, ticket_id = $3::uuid WHERE id = $1", [rowId, outcome, ticketId]
            )
            return (outcome, ticketId)
        }
        guard let (outcome, ticketId) = applied else {
            self.logger.info("inbound SMS repeated; ignored", metadata: ["message_id": "\(messageId)"])
            return try self.json(["duplicate": true])
        }
        self.logger.info("inbound SMS", metadata: ["from": "\(PhoneNumber.mask(phone))", "outcome": "\(outcome)"])
        var answer = ["outcome": outcome]
        if let ticketId { answer["ticketId"] = ticketId }
        return try self.json(answer)
    }

    private func receipt(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await self.signedBody(request)
        guard let receipt = try? HotlineJSON.decoder().decode(Receipt.self, from: Data(body)),
            ["delivered", "failed"].contains(receipt.status), UUID(uuidString: receipt.messageId) != nil
        else { throw HTTPError(.badRequest, message: "expected {messageId, status: delivered|failed, at}") }
        let updated = try await self.pool.transaction { connection -> Int in
            // A receipt repeating the status already recorded is a duplicate: nothing changes.
            let current = try connection.query("SELECT status FROM notifications WHERE id = $1::uuid FOR UPDATE", [receipt.messageId])
            if let row = current.first, try row.decode("status", as: String.self) == receipt.status { return -1 }
            let rows = try connection.query(
                """
                UPDATE notifications SET status = $2, delivered_at = CASE WHEN $2 = 'delivered' THEN $3::timestamptz END,
                    last_error = CASE WHEN $2 = 'failed' THEN 'handset delivery failed' ELSE last_error END
                WHERE id = $1::uuid
                RETURNING kind, recipient, ticket_id::text AS ticket_id, ticket_number
                """,
                [receipt.messageId, receipt.status, receipt.at ?? Date()]
            )
            if let row = rows.first, receipt.status == "failed" {
                try Outbox.append(
                    [
                        try NotificationFailed.event(
                            messageId: receipt.messageId, kind: try row.decode("kind", as: String.self),
                            to: try row.decode("recipient", as: String.self), reason: "handset delivery failed",
                            ticketId: try row.decode("ticket_id", as: String?.self),
                            ticketNumber: try row.decode("ticket_number", as: String?.self)
                        )
                    ],
                    on: connection
                )
            }
            return rows.count
        }
        if updated == -1 { return try self.json(["duplicate": true]) }
        guard updated == 1 else { throw HTTPError(.notFound, message: "unknown messageId") }
        return try self.json(["status": receipt.status])
    }

    private func json(_ object: [String: Any]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A resident's rating reply: `1`, `2`, `3` (or 满意/基本满意/不满意), optionally after a ticket
/// number, optionally followed by the reason (`3 路灯还是不亮`).
struct RatingReply: Equatable {
    var ticketNumber: String?
    var score: RatingScore
    var reason: String? = nil

    static func parse(_ text: String) -> RatingReply? {
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            maxSplits: 2, omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "　" }
        )
        let scores: [String: RatingScore] = [
            "1": .satisfied, "2": .basicallySatisfied, "3": .dissatisfied,
            "满意": .satisfied, "基本满意": .basicallySatisfied, "不满意": .dissatisfied,
        ]
        // `<score> [reason]` or `<number> <score> [reason]`: the score is the first or second word.
        let numbered = words.count >= 2 && scores[String(words[0])] == nil
        let at = numbered ? 1 : 0
        guard words.count > at, let score = scores[String(words[at])] else { return nil }
        let rest = words.count > at + 1 ? words[(at + 1)...].joined(separator: " ") : ""
        return RatingReply(ticketNumber: numbered ? String(words[0]) : nil, score: score, reason: rest.isEmpty ? nil : String(rest.prefix(500)))
    }
}
