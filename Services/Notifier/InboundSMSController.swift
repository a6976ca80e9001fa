import CaseStore
import Foundation
import HotlineCrypto
import HotlineDomain
import Hummingbird
import Logging

/// `POST /v1/sms/inbound` (replies: residents' ratings, grid workers' broadcast
/// acknowledgements, anything else answered with help and kept) and `POST /v1/sms/receipts`
/// (delivery reports), both signed by the gateway (`X-Hotline-Timestamp` and
/// `X-Hotline-Signature`, CONTRACTS.md section 6); a wrong or missing signature, or a timestamp
/// more than 300 s from this clock, is 401 and changes nothing. A repeated inbound `messageId`
/// (a gateway's retry, a replay) is answered 200 `{"duplicate": true}` and changes nothing.
struct InboundSMSController: Sendable {
    /// Where messages and receipts are applied.
    let inbound: any InboundSMSRepository
    /// The current jurisdiction (grid workers' phones, the calendar).
    let jurisdiction: any JurisdictionSource
    /// The gateway's shared secret, which signs both directions.
    let secret: String
    /// Where refusals and outcomes are logged (phones masked).
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
        // The gateway's time of reception, but never in the future nor older than the signature
        // window: a check-in reply counts only between that day's send and its deadline.
        let now = Date()
        let receivedAt = min(now, max(now.addingTimeInterval(-Self.window), message.receivedAt ?? now))
        let applied = try await self.inbound.receive(
            InboundSMS(messageId: messageId, phone: phone, text: message.text, receivedAt: receivedAt), using: snapshot
        )
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
        switch try await self.inbound.receipt(messageId: receipt.messageId, status: receipt.status, at: receipt.at ?? Date()) {
        case .duplicate: return try self.json(["duplicate": true])
        case .unknown: throw HTTPError(.notFound, message: "unknown messageId")
        case .recorded: return try self.json(["status": receipt.status])
        }
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
