import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import ServiceSupport
import TestSupport
import Testing

@testable import Notifier

/// The inbound SMS commands on the in-memory cases, without PostgreSQL or RabbitMQ: a grid
/// worker's and secretary's `接单`/`进展`/`办结`/`退回` (none open, ambiguous, refused leaving
/// nothing), a volunteer's take (first wins, the late one told, no return), check-ins,
/// broadcast acknowledgements and residents' ratings (only their own tickets), each with the
/// answer SMS it sends; and the same through the signed webhook.
@Suite struct InboundSMSCommandTests {
    static let worker = "13909310301"
    static let otherWorker = "13909310303"
    static let secretary = "13909310399"
    static let resident = "13800000001"
    static let snapshot = JurisdictionSnapshot.testFixture

    let cases = InMemoryInboundSMSCases()
    let replies: InboundSMSReplies
    let source = InMemoryCases()

    init() throws {
        self.replies = InboundSMSReplies(templates: try SMSTemplates(), timeZone: WorkingCalendar.chinaTimeZone)
    }

    /// A ticket of grid `620402001` (community `620402101`) in `status`, handled by `handler`.
    func ticket(status: String = "assigned", handler: String = "community", caller: String = Self.resident, volunteer: String? = nil) async throws -> Ticket {
        let ticket = try await self.source.routedTicket(status: status, handler: handler, caller: caller, volunteer: volunteer)
        self.cases.put(ticket)
        return ticket
    }

    func volunteer(_ code: String, phone: String) -> VolunteerRecord {
        let record = VolunteerRecord(volunteer: Volunteer(code: code, name: "志愿者\(code)", phone: phone, community: "620402101", skills: ["repair"]))
        self.cases.add(record)
        return record
    }

    /// Applies `text` from `phone` as the repository does (all or nothing).
    @discardableResult
    func send(_ text: String, from phone: String) throws -> (outcome: String, ticketId: String?) {
        let message = InboundSMS(messageId: UUID().uuidString, phone: phone, text: text, receivedAt: Date())
        return try self.cases.atomically { try self.replies.handle(message, using: Self.snapshot, in: self.cases) }
    }

    // MARK: grid workers and secretaries

    @Test func aWorkerAcceptsAndResolvesItsOnlyOpenTicket() async throws {
        let ticket = try await self.ticket()
        let accepted = try self.send("接单", from: Self.worker)
        #expect(accepted.outcome == "command accept \(ticket.number)")
        #expect(accepted.ticketId == ticket.id)
        #expect(self.cases.ticket(ticket.id)?.status == .accepted)
        let resolved = try self.send("办结 已修好", from: Self.worker)
        #expect(resolved.outcome == "command resolve \(ticket.number)")
        #expect(self.cases.ticket(ticket.id)?.status == .resolved)
        let answers = self.cases.answers
        #expect(answers.count == 2)
        #expect(answers.allSatisfy { $0.kind == "command_ack" && $0.recipient == Self.worker && $0.role == "grid_worker" && $0.ticketId == ticket.id })
        #expect(answers[0].body.contains("工单\(ticket.number)已接单"))
        #expect(answers[1].body.contains("已办结"))
    }

    @Test func aSecretaryIsAnsweredAsSecretaryAndTheNumberPicksTheTicket() async throws {
        let first = try await self.ticket()
        let second = try await self.ticket()
        let ambiguous = try self.send("接单", from: Self.secretary)
        #expect(ambiguous.outcome == "command ambiguous 2 open")
        #expect(ambiguous.ticketId == nil)
        let answer = try #require(self.cases.answers.last)
        #expect(answer.role == "secretary" && answer.kind == "command_ack")
        #expect(answer.body.contains(first.number) && answer.body.contains(second.number))
        #expect(self.cases.ticket(first.id)?.status == .assigned && self.cases.ticket(second.id)?.status == .assigned)

        let numbered = try self.send("接单 \(second.number)", from: Self.secretary)
        #expect(numbered.outcome == "command accept \(second.number)")
        #expect(self.cases.ticket(second.id)?.status == .accepted)
        #expect(self.cases.ticket(first.id)?.status == .assigned)
    }

    @Test func noOpenTicketIsSaidSo() throws {
        let outcome = try self.send("办结 已处理", from: Self.worker)
        #expect(outcome.outcome == "command none open")
        #expect(self.cases.answers.map(\.body).first?.isEmpty == false)
        #expect(self.cases.answers.first?.kind == "command_ack")
    }

    @Test func aRefusedCommandChangesNothingAndSaysWhy() async throws {
        let ticket = try await self.ticket()
        _ = try self.send("接单", from: Self.worker)
        let accepted = try #require(self.cases.ticket(ticket.id))
        // Accepting it again: the lifecycle refuses it.
        let refused = try self.send("接单 \(ticket.number)", from: Self.worker)
        #expect(refused.outcome.hasPrefix("command refused"))
        #expect(refused.ticketId == nil)
        #expect(self.cases.ticket(ticket.id)?.status == .accepted)
        #expect(self.cases.ticket(ticket.id)?.version == accepted.version)
        #expect(self.cases.answers.last?.body.contains("工单当前处理中") == true)
        #expect(self.cases.answers.last?.ticketId == nil)
        // A return without its reason.
        let noReason = try self.send("退回", from: Self.worker)
        #expect(noReason.outcome.hasPrefix("command refused"))
        #expect(self.cases.answers.last?.body.contains("退回须写明原因") == true)
        #expect(self.cases.ticket(ticket.id)?.status == .accepted)
        #expect(self.cases.ticket(ticket.id)?.version == accepted.version)
    }

    @Test func anotherGridsWorkerCannotTouchTheTicket() async throws {
        let ticket = try await self.ticket()
        let outcome = try self.send("接单 \(ticket.number)", from: Self.otherWorker)
        #expect(outcome.outcome.hasPrefix("command refused"))
        #expect(self.cases.ticket(ticket.id)?.status == .assigned)
        #expect(self.cases.answers.last?.body.contains("不是您负责的工单") == true)
    }

    @Test func aWorkersUnknownTextGetsTheGridHelpAndNoResidentHelp() throws {
        let outcome = try self.send("你好", from: Self.worker)
        #expect(outcome.outcome == "command help")
        #expect(self.cases.answers.count == 1)
        #expect(self.cases.answers.first?.kind == "help" && self.cases.answers.first?.role == "grid_worker")
    }

    // MARK: volunteers

    @Test func theFirstVolunteerTakesTheOrderAndTheLateOneIsTold() async throws {
        let order = try await self.ticket(handler: "volunteer")
        let first = self.volunteer("V1", phone: "13700000001")
        let second = self.volunteer("V2", phone: "13700000002")
        self.cases.offer(order.id, to: [first.volunteer.code, second.volunteer.code])

        let taken = try self.send("接单 \(order.number)", from: "13700000001")
        #expect(taken.outcome == "command volunteer take \(order.number)")
        #expect(taken.ticketId == order.id)
        #expect(self.cases.ticket(order.id)?.volunteer == "V1")
        #expect(self.cases.ticket(order.id)?.status == .accepted)

        let late = try self.send("\(order.number) 接单", from: "13700000002")
        #expect(late.outcome == "command volunteer late \(order.number)")
        #expect(late.ticketId == nil)
        #expect(self.cases.ticket(order.id)?.volunteer == "V1")
        let answers = self.cases.answers
        #expect(answers.map(\.recipient) == ["13700000001", "13700000002"])
        #expect(answers.allSatisfy { $0.role == "volunteer" && $0.kind == "command_ack" })

        // The taker resolves it without a number; a return is refused.
        let returned = try self.send("退回 没空", from: "13700000001")
        #expect(returned.outcome.hasPrefix("command volunteer refused"))
        #expect(self.cases.answers.last?.body.contains("志愿者不能退单") == true)
        let resolved = try self.send("办结 已上门修好", from: "13700000001")
        #expect(resolved.outcome == "command volunteer resolve \(order.number)")
        #expect(self.cases.ticket(order.id)?.status == .resolved)
    }

    @Test func aVolunteerNotOfferedTheOrderCannotTakeIt() async throws {
        let order = try await self.ticket(handler: "volunteer")
        _ = self.volunteer("V3", phone: "13700000003")
        let outcome = try self.send("接单 \(order.number)", from: "13700000003")
        #expect(outcome.outcome.hasPrefix("command volunteer refused"))
        #expect(self.cases.ticket(order.id)?.volunteer == nil)
        #expect(self.cases.ticket(order.id)?.status == .assigned)
    }

    // MARK: residents: check-ins, acknowledgements, ratings

    @Test func aPendingCheckinTakesTheOneBeforeARating() async throws {
        _ = try await self.ticket(status: "resolved")
        self.cases.awaitCheckin(from: Self.resident, household: "H001")
        let outcome = try self.send("1", from: Self.resident)
        #expect(outcome.outcome == "checked in H001")
        #expect(self.cases.pendingCheckins.isEmpty)
        #expect(self.cases.answers.isEmpty, "a check-in is not answered with help")
        // Without a check-in waiting, the same reply rates the resolved ticket.
        let rated = try self.send("1", from: Self.resident)
        #expect(rated.outcome == "rated 1")
    }

    @Test func aBroadcastIsAcknowledgedOnce() throws {
        // Not a grid worker's phone: the acknowledgement is read before the commands' help.
        let phone = "13600000001"
        self.cases.awaitAcknowledgement(of: "b-1", from: phone)
        #expect(try self.send("收到", from: phone).outcome == "acknowledged b-1")
        #expect(try self.send("ok", from: phone).outcome == "already acknowledged b-1")
        #expect(self.cases.answers.isEmpty)
        // A grid worker's 收到 is not a command: it goes to the acknowledgement too.
        self.cases.awaitAcknowledgement(of: "b-2", from: Self.worker)
        #expect(try self.send("收到。", from: Self.worker).outcome == "acknowledged b-2")
    }

    @Test func aResidentRatesOnlyItsOwnResolvedTicket() async throws {
        let mine = try await self.ticket(status: "resolved")
        let theirs = try await self.ticket(status: "resolved", caller: "13800000002")
        let wrong = try self.send("\(theirs.number) 3 没修好", from: Self.resident)
        #expect(wrong.outcome == "not a ticket of this phone awaiting a rating")
        #expect(self.cases.ticket(theirs.id)?.rating == nil)
        #expect(self.cases.answers.last?.kind == "help" && self.cases.answers.last?.role == "resident")

        let rated = try self.send("3 路灯还是不亮", from: Self.resident)
        #expect(rated.outcome == "rated 3")
        #expect(rated.ticketId == mine.id)
        let after = try #require(self.cases.ticket(mine.id))
        #expect(after.rating == 3 && after.ratingReason == "路灯还是不亮" && after.ratingSource == "sms")
        #expect(after.status != .resolved, "a dissatisfied rating reopens the ticket")
        #expect(self.cases.answers.count == 1, "a rating is not answered with help")

        let nothing = try self.send("1", from: "13800000009")
        #expect(nothing.outcome == "no ticket of this phone awaiting a rating")
    }

    @Test func anythingElseIsAnsweredWithHelp() throws {
        let outcome = try self.send("请问几点上班", from: Self.resident)
        #expect(outcome.outcome == "help")
        #expect(self.cases.answers == [SMSAnswer(kind: "help", recipient: Self.resident, role: "resident", body: try SMSTemplates().render("help", [:]))])
    }

    // MARK: through the webhook

    @Test func theWebhookAppliesACommandOnceAndAnswersItsOutcome() async throws {
        let ticket = try await self.ticket()
        let inbound = InMemoryInboundSMS(handler: self.replies, cases: self.cases)
        let router = buildRouter(
            inbound: inbound, jurisdiction: FixedJurisdiction(Self.snapshot), secret: InboundSMSControllerTests.secret, readiness: Readiness(),
            registry: PrometheusCollectorRegistry(), logger: Logger(label: "notifier-command-tests")
        )
        let message = try JSONSerialization.data(withJSONObject: ["messageId": "cmd-1", "from": "+86 139 0931 0301", "text": "接单"])
        try await Application(router: router).test(.router) { client in
            let first = try await InboundSMSControllerTests.post(client, "/v1/sms/inbound", message)
            #expect(first.status == .ok)
            #expect(first.json["outcome"] as? String == "command accept \(ticket.number)")
            #expect(first.json["ticketId"] as? String == ticket.id)
            let again = try await InboundSMSControllerTests.post(client, "/v1/sms/inbound", message)
            #expect(again.json["duplicate"] as? Bool == true)
        }
        #expect(self.cases.ticket(ticket.id)?.status == .accepted)
        #expect(self.cases.answers.count == 1)
    }
}
