import CaseStore
import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceLifecycle
import ServiceSupport

/// The daily check-in (平安打卡): every `interval`, plans the day's check-in SMS for households
/// marked for it once the window opens, and turns each one unanswered at its deadline into an
/// urgent `wellbeing_check` ticket for the grid plus an SMS to the watcher.
///
/// At most one check-in SMS per household and day, across restarts and several notifiers: the
/// ledger row and the SMS row are written in one transaction, and the row's key is the day.
struct CheckinScheduler: Service {
    let pool: PostgresPool
    let store: CaseStore
    let schedule: CheckinSchedule
    let templates: SMSTemplates
    let quietHours: QuietHours?
    let interval: Duration
    let logger: Logger
    /// The sender's in-memory handoff: a missed check-in's alerts leave right after their
    /// commit, before the grid worker's task that routing the new ticket plans.
    var handoff: SMSHandoff? = nil

    func run() async throws {
        await RepeatingWork.run(every: self.interval, name: "check-in round", logger: self.logger) {
            let now = Date()
            while try await self.planDue(at: now) == Self.batch {}
            while try await self.followUpMissed(at: now) == Self.batch {}
        }
    }

    /// Households per transaction.
    static let batch = 200

    /// Sends today's check-in to households that have none yet, while today's window is open.
    /// Returns how many households it looked at.
    func planDue(at now: Date) async throws -> Int {
        let window = self.schedule.window(containing: now)
        guard now >= window.opens, now < window.closes else { return 0 }
        // Quiet hours hold a check-in back (it is not urgent); its deadline runs from the send.
        let sendAt = self.quietHours?.release(now) ?? now
        let dueAt = sendAt.addingTimeInterval(self.schedule.deadline.seconds)
        let (templates, schedule) = (self.templates, self.schedule)
        let (looked, planned) = try await self.pool.transaction { connection -> (Int, Int) in
            let ledger = HouseholdCheckins()
            let households = try ledger.unplanned(day: window.day, limit: Self.batch, on: connection)
            var checkins: [HouseholdCheckins.Checkin] = []
            var messages: [String: PlannedNotification] = [:]
            for record in households {
                let household = record.household
                guard let phone = household.checkinRecipient else { continue }
                let name = household.members.first { $0.phone == phone }?.name ?? household.watcher?.name ?? ""
                let message = PlannedNotification(
                    at: window.opens, sourceEvent: "checkin:\(household.code):\(window.day)", kind: "checkin", recipient: phone, role: "resident",
                    body: templates.render("checkin", ["name": name, "deadline": schedule.clock(dueAt)]), urgent: false,
                    notBefore: sendAt, deferredReason: sendAt > now ? "quiet_hours" : nil
                )
                checkins.append(.init(household: household.code, day: window.day, sentTo: phone, notificationId: message.id, dueAt: dueAt))
                messages[household.code] = message
            }
            let claimed = try ledger.claim(checkins, on: connection)
            try PlannedNotification.insert(checkins.filter { claimed.contains($0.household) }.compactMap { messages[$0.household] }, on: connection)
            return (households.count, claimed.count)
        }
        if planned > 0 { self.logger.info("check-ins planned", metadata: ["day": "\(window.day)", "households": "\(planned)"]) }
        return looked
    }

    /// Opens a wellbeing ticket (or adds to the open one) for each check-in past its deadline,
    /// and tells the watcher. Returns how many it handled.
    func followUpMissed(at now: Date) async throws -> Int {
        let (store, templates, schedule, handoff) = (self.store, self.templates, self.schedule, self.handoff)
        let handled = try await self.pool.transaction { connection -> [(String, String)] in
            let ledger = HouseholdCheckins()
            let households = HouseholdStore(timeZone: schedule.timeZone)
            var handled: [(String, String)] = []
            var messages: [PlannedNotification] = []
            for checkin in try ledger.overdue(at: now, limit: Self.batch, on: connection) {
                guard let record = try households.find(checkin.household, on: connection) else { continue }
                let household = record.household
                let sent = schedule.clock(checkin.dueAt.addingTimeInterval(-schedule.deadline.seconds))
                // The household's 专属观察员 is told first: planned before the ticket exists, so
                // before the grid worker's task that routing it will cause.
                if let observer = try VolunteerStore(timeZone: schedule.timeZone).observer(of: household.code, on: connection) {
                    let name = household.members.first?.name ?? household.code
                    try PlannedNotification.insert(
                        [
                            PlannedNotification(
                                at: checkin.dueAt, sourceEvent: "checkin-observer:\(household.code):\(checkin.day)", kind: "observer_alert",
                                recipient: observer.volunteer.phone, role: "volunteer",
                                body: templates.render("observer_alert", ["name": name, "address": household.address, "sent": sent]),
                                urgent: true, notBefore: now
                            )
                        ],
                        handoff: handoff, on: connection
                    )
                }
                let ticket: (id: String, number: String)
                if let open = try ledger.openWellbeingTicket(of: household.code, on: connection) {
                    ticket = open
                } else {
                    let names = household.members.map(\.name).joined(separator: "、")
                    let created = try store.create(
                        NewTicket(
                            channel: .gridPatrol, callerName: "平安打卡", callerPhone: nil,
                            description: "平安打卡未回复：\(household.address)（\(names)）\(checkin.day) \(sent)发出的打卡短信到时未回复，请网格员上门查看。",
                            requestedCategory: Category.wellbeingCheck, category: Category.wellbeingCheck, address: household.address,
                            coordinate: household.coordinate, grid: household.grid, urgency: .urgent, major: nil, externalId: nil
                        ),
                        promisedBy: nil, on: connection
                    )
                    try households.attach(ticket: created.id, to: household.code, on: connection)
                    ticket = (created.id, created.number)
                }
                try ledger.markMissed(checkin, ticketId: ticket.id, on: connection)
                if let watcher = household.watcher {
                    let name = household.members.first?.name ?? household.code
                    messages.append(
                        PlannedNotification(
                            at: checkin.dueAt, sourceEvent: "checkin-missed:\(household.code):\(checkin.day)", kind: "checkin_missed", ticketId: ticket.id,
                            ticketNumber: ticket.number, recipient: watcher.phone, role: "watcher",
                            body: templates.render(
                                "checkin_missed", ["name": name, "address": household.address, "sent": sent, "number": ticket.number]
                            ),
                            urgent: true, notBefore: now
                        )
                    )
                }
                handled.append((household.code, ticket.number))
            }
            try PlannedNotification.insert(messages, handoff: handoff, on: connection)
            return handled
        }
        for (household, number) in handled {
            self.logger.warning("check-in missed", metadata: ["household": "\(household)", "ticket": "\(number)"])
        }
        return handled.count
    }
}

extension CheckinSchedule {
    /// The local time of day as the SMS say it (`8时`, `10时30分`).
    func clock(_ date: Date) -> String {
        DeadlineText(timeZone: self.timeZone).clock(date)
    }
}
