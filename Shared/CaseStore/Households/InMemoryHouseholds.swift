import Foundation
import HotlineDomain
import Synchronization

/// ``HouseholdRepository`` in memory, for router tests: records in a dictionary, coloured by
/// the rules as the store colours them, with their reads, searches, history and visits; a
/// visit's ticket is opened in an ``InMemoryCases``.
public final class InMemoryHouseholds: HouseholdRepository {
    /// A recorded list or search.
    public struct Search: Sendable, Equatable {
        /// Who listed or searched.
        public var reader: HouseholdReader
        /// `list`, or `phone` for a search by phone.
        public var action: String
        /// The filter as audited.
        public var filter: [String: String]
        /// Rows answered.
        public var rows: Int
    }

    private struct State {
        var records: [String: HouseholdRecord] = [:]
        var reads: [String: [HouseholdStore.Read]] = [:]
        var history: [String: [HouseholdStore.HistoryEntry]] = [:]
        var visits: [String: [HouseholdVisits.Visit]] = [:]
        var searches: [Search] = []
    }

    private let state = Mutex(State())
    private let cases: InMemoryCases
    private let store: HouseholdStore

    /// An empty registry; visits open their tickets in `cases`.
    public init(cases: InMemoryCases, timeZone: TimeZone) {
        self.cases = cases
        self.store = HouseholdStore(timeZone: timeZone)
    }

    /// Registers (or replaces) `household`, coloured by `rules`.
    public func put(_ household: Household, rules: HouseholdRules = HouseholdRules()) {
        let record = HouseholdRecord(household, assessment: rules.assess(household, in: self.store.year()), override: nil, now: Date())
        self.state.withLock { $0.records[household.code] = record }
    }

    /// The lists and searches recorded so far, oldest first.
    public var searches: [Search] {
        self.state.withLock { $0.searches }
    }

    public func list(_ filter: HouseholdStore.Filter, by reader: HouseholdReader, action: String, audit: [String: String]) async throws
        -> [HouseholdRecord]
    {
        self.state.withLock { state in
            let page = state.records.values.filter { Self.matches($0, filter) }.sorted { $0.household.code < $1.household.code }.prefix(filter.limit)
            state.searches.append(Search(reader: reader, action: action, filter: audit, rows: page.count))
            return Array(page)
        }
    }

    public func file(_ code: String, within grids: [String]?, by reader: HouseholdReader) async throws -> HouseholdFile? {
        let tickets = self.cases.tickets
        return self.state.withLock { state -> HouseholdFile? in
            guard let record = state.records[code], grids?.contains(record.household.grid) ?? true else { return nil }
            state.reads[code, default: []].insert(.init(at: Date(), actor: reader.name, role: reader.role), at: 0)
            let lines = tickets.filter { ticket in (state.visits[code] ?? []).contains { $0.ticketId == ticket.id } }.prefix(20).map {
                HouseholdFile.TicketLine(id: $0.id, number: $0.number, status: $0.status.rawValue, category: $0.category, createdAt: $0.createdAt)
            }
            return HouseholdFile(
                record: record, visits: (state.visits[code] ?? []).sorted { $0.visitedAt > $1.visitedAt }, tickets: Array(lines),
                history: state.history[code] ?? []
            )
        }
    }

    public func colour(_ code: String, by reader: HouseholdReader) async throws -> HouseholdColour? {
        self.state.withLock { state in
            guard let record = state.records[code] else { return nil }
            state.reads[code, default: []].insert(.init(at: Date(), actor: reader.name, role: reader.role), at: 0)
            return record.colour
        }
    }

    public func reads(of code: String) async throws -> [HouseholdStore.Read]? {
        self.state.withLock { state in state.records[code] == nil ? nil : state.reads[code] ?? [] }
    }

    public func export(by actor: String) async throws -> [Household] {
        self.state.withLock { state in
            let all = state.records.values.map(\.household).sorted { $0.code < $1.code }
            state.history["*", default: []].append(Self.entry(actor, "exported", ["households": .number(Double(all.count))]))
            return all
        }
    }

    public func update(_ household: Household, rules: HouseholdRules, within grids: [String]?, by actor: String) async throws -> HouseholdRecord? {
        let year = self.store.year()
        return try self.state.withLock { state -> HouseholdRecord? in
            guard let before = state.records[household.code], grids?.contains(before.household.grid) ?? true else { return nil }
            if let grids, !grids.contains(household.grid) { throw HouseholdOutsideGrids() }
            var record = HouseholdRecord(household, assessment: rules.assess(household, in: year), override: before.override, now: Date())
            record.createdAt = before.createdAt
            state.records[household.code] = record
            state.history[household.code, default: []].append(Self.entry(actor, "updated", ["colour": .string(record.ruleColour.rawValue)]))
            return record
        }
    }

    public func overrideColour(_ code: String, colour: HouseholdColour?, reason: String, by actor: String) async throws -> HouseholdRecord? {
        self.state.withLock { state -> HouseholdRecord? in
            guard var record = state.records[code] else { return nil }
            record.override = colour.map { HouseholdRecord.Override(colour: $0, reason: reason, by: actor, at: Date()) }
            record.colour = colour ?? record.ruleColour
            record.updatedAt = Date()
            state.records[code] = record
            state.history[code, default: []].append(
                Self.entry(actor, colour == nil ? "override cleared" : "colour overridden", ["reason": .string(reason)])
            )
            return record
        }
    }

    public func visit(_ code: String, _ visit: HouseholdVisitReport, within grids: [String]?, recordedBy actor: String) async throws
        -> (visit: HouseholdVisits.Visit, ticket: Ticket?)?
    {
        guard let record = self.state.withLock({ $0.records[code] }), grids?.contains(record.household.grid) ?? true else { return nil }
        let ticket = try await visit.newTicket(at: record.household).asyncMap { try await self.cases.create($0, promisedBy: nil) }
        let recorded = HouseholdVisits.Visit(
            id: UUID().uuidString.lowercased(), household: code, visitor: visit.visitor, visitedAt: visit.visitedAt, findings: visit.findings,
            ticketId: ticket?.id, recordedBy: actor
        )
        self.state.withLock { state in
            state.visits[code, default: []].append(recorded)
            state.history[code, default: []].append(Self.entry(actor, "visited", ["visitor": .string(visit.visitor)]))
        }
        return (recorded, ticket)
    }

    public func overdueVisits(grids: [String]?, visitEvery: [HouseholdColour: ISODuration], at now: Date) async throws -> [HouseholdVisits.Due] {
        self.state.withLock { state in
            state.records.values.compactMap { record -> HouseholdVisits.Due? in
                let h = record.household
                guard let every = visitEvery[record.colour], grids?.contains(h.grid) ?? true else { return nil }
                let last = state.visits[h.code]?.map(\.visitedAt).max()
                let dueSince = last.map { $0.addingTimeInterval(every.seconds) } ?? record.createdAt
                guard dueSince <= now else { return nil }
                return .init(household: h.code, address: h.address, grid: h.grid, colour: record.colour, lastVisitAt: last, dueSince: dueSince)
            }.sorted { ($0.dueSince, $0.household) < ($1.dueSince, $1.household) }
        }
    }

    private static func entry(_ actor: String, _ action: String, _ detail: [String: JSONValue]) -> HouseholdStore.HistoryEntry {
        HouseholdStore.HistoryEntry(at: Date(), actor: actor, action: action, detail: .object(detail))
    }

    private static func matches(_ record: HouseholdRecord, _ filter: HouseholdStore.Filter) -> Bool {
        let h = record.household
        let phones = h.members.compactMap(\.phone) + (h.watcher.map { [$0.phone] } ?? [])
        return (filter.grids?.contains(h.grid) ?? true) && (filter.colour.map { $0 == record.colour } ?? true)
            && (filter.kind.map { $0 == h.kind } ?? true) && (filter.checkin.map { $0 == h.checkin } ?? true)
            && (filter.text.map { text in
                h.code.localizedCaseInsensitiveContains(text) || h.address.localizedCaseInsensitiveContains(text)
                    || h.members.contains { $0.name.contains(text) }
            } ?? true)
            && (filter.after.map { h.code > $0 } ?? true) && (filter.phone.map(phones.contains) ?? true)
    }
}

extension HouseholdRecord {
    /// A record as an import writes it.
    init(_ household: Household, assessment: HouseholdRules.Assessment, override: Override?, now: Date) {
        self.household = household
        self.ruleColour = assessment.colour
        self.colourReason = assessment.reason
        self.override = override
        self.colour = override?.colour ?? assessment.colour
        self.createdAt = now
        self.updatedAt = now
    }
}

extension Optional {
    /// The wrapped value through an async `transform`.
    fileprivate func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
