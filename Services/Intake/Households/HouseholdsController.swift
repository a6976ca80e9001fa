import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// The households registry over HTTP (一户一档): search, read (recorded), update, colour
/// override, visits, overdue visits, statistics and an admin export.
///
/// Roles: `operator` and `admin` see every household; a `grid` key (a grid worker's) sees its
/// own grid only and a `secretary` key its community's grids: another grid's household is 404,
/// as if it did not exist. A `department` key reads one household's colour, nothing else.
/// Every list or search is recorded in `household_searches` (who, filter, rows), every read of a
/// file in `household_reads`. Phones are searched exactly (`phone=`), never by a fragment.
struct HouseholdsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The registry.
    let households: any HouseholdRepository
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// The business time zone: the year ages are counted in.
    let timeZone: TimeZone
    /// Where the figures of `GET /v1/stats/households` are read (a replica when configured).
    let statistics: any StatisticsReader

    static let readers: Set<Role> = [.operator_, .admin, .grid, .secretary]

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/households") { request, _ in try await self.list(request) }
        router.get("v1/households/export") { request, _ in try await self.export(request) }
        router.get("v1/households/:code") { request, context in try await self.show(request, context.parameters.require("code")) }
        router.put("v1/households/:code") { request, context in try await self.update(request, context.parameters.require("code")) }
        router.post("v1/households/:code/colour") { request, context in
            try await self.overrideColour(request, context.parameters.require("code"))
        }
        router.get("v1/households/:code/reads") { request, context in try await self.reads(request, context.parameters.require("code")) }
        router.post("v1/households/:code/visits") { request, context in
            try await self.visit(request, context.parameters.require("code"))
        }
        router.get("v1/visits/overdue") { request, _ in try await self.overdueVisits(request) }
        router.get("v1/stats/households") { request, _ in try await self.stats(request) }
    }

    // MARK: Scope

    /// The grids a principal may see: nil for all (a grid key's grid; a secretary's community's grids).
    private func scope(_ principal: Principal) async throws -> [String]? {
        switch principal.role {
        case .grid:
            guard let grid = principal.grid else { throw APIError.forbidden("this grid key names no grid") }
            return [grid]
        case .secretary:
            guard let community = principal.community else { throw APIError.forbidden("this secretary key names no community") }
            let snapshot = try await self.jurisdiction.snapshot()
            return snapshot.jurisdiction.grids.filter { $0.community.code == community }.map(\.code)
        default:
            return nil
        }
    }

    /// The calendar year in the business time zone (ages are counted in it).
    private func year() -> Int {
        HouseholdStore(timeZone: self.timeZone).year()
    }

    /// Who `principal` is, as the audit records a reader.
    static func reader(_ principal: Principal) -> HouseholdReader {
        HouseholdReader(name: principal.name, role: principal.role.rawValue, keyId: principal.keyId)
    }

    // MARK: Read

    private func list(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, Self.readers)
        let query = request.uri.queryParameters
        var errors: [APIError.FieldError] = []
        var filter = HouseholdStore.Filter(grids: try await self.scope(principal))
        if let grid = query["grid"].map(String.init) {
            // Outside the key's grids the answer is an empty page, as for a grid without households.
            filter.grids = filter.grids.map { $0.contains(grid) ? [grid] : [] } ?? [grid]
        }
        if let text = query["colour"].map(String.init) {
            filter.colour = HouseholdColour(rawValue: text)
            if filter.colour == nil { errors.append(.init(field: "colour", message: "must be red, yellow or green")) }
        }
        if let text = query["kind"].map(String.init) {
            filter.kind = HouseholdKind(rawValue: text)
            if filter.kind == nil { errors.append(.init(field: "kind", message: "must be residential or commercial")) }
        }
        if let text = query["checkin"].map(String.init) {
            filter.checkin = ["true": true, "false": false][text]
            if filter.checkin == nil { errors.append(.init(field: "checkin", message: "must be true or false")) }
        }
        filter.text = query["q"].map { String($0).removingPercentEncoding ?? String($0) }.flatMap { $0.isEmpty ? nil : $0 }
        if let text = filter.text, text.count > 100 || text.unicodeScalars.contains("\u{0}") {
            errors.append(.init(field: "q", message: "at most 100 characters, without NUL"))
        }
        if let text = query["phone"].map({ String($0).removingPercentEncoding ?? String($0) }) {
            // An exact lookup only: a fragment of a phone would list strangers' households.
            let phone = text.filter { !" -".contains($0) }
            if phone.count < 5 || phone.count > 20 || !phone.allSatisfy({ $0.isNumber || $0 == "+" }) {
                errors.append(.init(field: "phone", message: "a whole phone number (5 to 20 digits), matched exactly"))
            } else {
                filter.phone = phone
            }
        }
        filter.after = query["cursor"].map(String.init)
        if let text = query["limit"].map(String.init) {
            guard let limit = Int(text), (1...500).contains(limit) else {
                throw APIError.badRequest(errors + [.init(field: "limit", message: "must be 1 to 500")])
            }
            filter.limit = limit
        }
        guard errors.isEmpty else { throw APIError.badRequest(errors) }
        let records = try await self.households.list(
            filter, by: Self.reader(principal), action: filter.phone == nil ? "list" : "phone", audit: Self.describe(filter, query: query)
        )
        let snapshot = try? await self.jurisdiction.snapshot()
        let year = self.year()
        struct Page: Encodable {
            var households: [HouseholdView]
            var nextCursor: String?
        }
        return try JSONResponse.make(
            Page(
                households: records.map { HouseholdView($0, year: year, snapshot: snapshot, maskPhones: true) },
                nextCursor: records.count == filter.limit ? records.last?.household.code : nil
            )
        )
    }

    private func show(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, Self.readers.union([.department]))
        if principal.role == .department { return try await self.colour(code, for: principal) }
        let grids = try await self.scope(principal)
        let snapshot = try? await self.jurisdiction.snapshot()
        let visitEvery = snapshot?.jurisdiction.catalog.householdRules.visitEvery ?? [:]
        guard let file = try await self.households.file(code, within: grids, by: Self.reader(principal)) else {
            throw APIError.notFound("household \(code) not found")
        }
        let record = file.record
        var view = HouseholdView(record, year: self.year(), snapshot: snapshot, maskPhones: false)
        view.visits = file.visits
        view.lastVisitAt = view.visits?.first?.visitedAt
        view.nextVisitDue = visitEvery[record.colour].map { every in
            (view.lastVisitAt ?? record.createdAt).addingTimeInterval(view.lastVisitAt == nil ? 0 : every.seconds)
        }
        view.checkins = file.checkins
        view.tickets = file.tickets
        view.history = file.history
        return try JSONResponse.make(view)
    }

    private func reads(_ request: Request, _ code: String) async throws -> Response {
        _ = try await self.auth.require(request, [.admin])
        guard let reads = try await self.households.reads(of: code) else { throw APIError.notFound("household \(code) not found") }
        return try JSONResponse.make(["reads": reads])
    }

    /// Every household in the import format (phones whole): admins only, and recorded.
    private func export(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin])
        let all = try await self.households.export(by: principal.name)
        return try JSONResponse.make(all.map(ExportEntry.init))
    }

    /// The import format of one household.
    struct ExportEntry: Encodable {
        var code, address, grid: String
        var lat, lon: Double?
        var kind: HouseholdKind
        var checkin: Bool
        var watcher: Contact?
        var members: [Household.Member]

        init(_ h: Household) {
            (self.code, self.address, self.grid, self.kind, self.checkin) = (h.code, h.address, h.grid, h.kind, h.checkin)
            (self.lat, self.lon, self.watcher, self.members) = (h.coordinate?.lat, h.coordinate?.lon, h.watcher, h.members)
        }
    }

    // MARK: Change

    /// Replaces the household's file with the body (the import format); recoloured at once.
    private func update(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, Self.readers)
        let bytes = try await request.jsonBody()
        guard let body = try? JSONValue(parsing: Data(bytes)) else { throw APIError.badRequest(field: "body", "not valid JSON") }
        guard case .object(var fields) = body else { throw APIError.badRequest(field: "body", "not a JSON object") }
        if let given = fields["code"]?.stringValue, given != code {
            throw APIError.badRequest(field: "code", "must be \(code), the household in the path (or left out)")
        }
        fields["code"] = .string(code)
        let snapshot = try await self.jurisdiction.snapshot()
        let household: Household
        do {
            household = try HouseholdFileReader.one(.object(fields), grids: snapshot.grids, currentYear: self.year())
        } catch let error as HouseholdFileError {
            throw APIError.badRequest(error.issues.map { .init(field: $0.field.isEmpty ? "body" : $0.field, message: $0.message) })
        }
        let grids = try await self.scope(principal)
        let rules = snapshot.jurisdiction.catalog.householdRules
        let record: HouseholdRecord?
        do {
            record = try await self.households.update(household, rules: rules, within: grids, by: principal.name)
        } catch let refusal as HouseholdOutsideGrids {
            throw APIError.forbidden(refusal.description)
        }
        guard let record else { throw APIError.notFound("household \(code) not found") }
        return try JSONResponse.make(HouseholdView(record, year: self.year(), snapshot: snapshot, maskPhones: false))
    }

    /// `{"colour": "red"|"yellow"|"green"|null, "reason": "..."}`: an operator's override, kept
    /// in the history; `null` hands the colour back to the rules.
    private func overrideColour(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin])
        let (_, body) = try await request.jsonObject()
        var errors: [APIError.FieldError] = []
        var colour: HouseholdColour?
        switch body["colour"] {
        case let text as String:
            colour = HouseholdColour(rawValue: text)
            if colour == nil { errors.append(.init(field: "colour", message: "must be red, yellow, green or null")) }
        case is NSNull: colour = nil
        default: errors.append(.init(field: "colour", message: "required: red, yellow, green, or null to clear"))
        }
        let reason = (body["reason"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reason.isEmpty { errors.append(.init(field: "reason", message: "required: say why")) }
        if reason.count > 500 { errors.append(.init(field: "reason", message: "at most 500 characters")) }
        guard errors.isEmpty else { throw APIError.badRequest(errors) }
        let snapshot = try? await self.jurisdiction.snapshot()
        guard let record = try await self.households.overrideColour(code, colour: colour, reason: reason, by: principal.name) else {
            throw APIError.notFound("household \(code) not found")
        }
        return try JSONResponse.make(HouseholdView(record, year: self.year(), snapshot: snapshot, maskPhones: false))
    }

    // MARK: Visits

    /// `{"visitor", "visitedAt", "findings", "ticket": {"description", "category", "urgency", "major"}}`:
    /// records a visit; a `ticket` opens one (channel `grid_patrol`) at the household, routed as any.
    private func visit(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, Self.readers)
        let (_, body) = try await request.jsonObject()
        let snapshot = try await self.jurisdiction.snapshot()
        let form = try VisitForm.parse(body, defaultVisitor: principal.name, snapshot: snapshot)
        let grids = try await self.scope(principal)
        let report = HouseholdVisitReport(
            visitor: form.visitor, visitedAt: form.visitedAt, findings: form.findings,
            ticket: form.ticket.map { .init(description: $0.description, category: $0.category, urgency: $0.urgency, major: $0.major) }
        )
        guard let (visit, ticket) = try await self.households.visit(code, report, within: grids, recordedBy: principal.name) else {
            throw APIError.notFound("household \(code) not found")
        }
        struct Recorded: Encodable {
            var visit: HouseholdVisits.Visit
            var ticket: Ticket?
        }
        return try JSONResponse.make(Recorded(visit: visit, ticket: ticket), status: .created)
    }

    /// Overdue visits by grid worker: `GET /v1/visits/overdue?grid=`.
    private func overdueVisits(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, Self.readers)
        var grids = try await self.scope(principal)
        let snapshot = try await self.jurisdiction.snapshot()
        if let grid = request.uri.queryParameters["grid"].map(String.init) {
            guard snapshot.grids.grid(code: grid) != nil else { throw APIError.badRequest(field: "grid", "not a grid of the jurisdiction") }
            grids = grids.map { $0.contains(grid) ? [grid] : [] } ?? [grid]
        }
        let visitEvery = snapshot.jurisdiction.catalog.householdRules.visitEvery
        let scope = grids
        let due = try await self.households.overdueVisits(grids: scope, visitEvery: visitEvery, at: Date())
        struct Worker: Encodable {
            var name: String
            var phone: String
            var grids: [String]
            var overdue: [HouseholdVisits.Due]
        }
        var workers: [String: Worker] = [:]
        for item in due {
            let worker = snapshot.grids.grid(code: item.grid)?.worker ?? Contact(name: "", phone: "")
            workers[worker.phone, default: Worker(name: worker.name, phone: PhoneNumber.mask(worker.phone), grids: [], overdue: [])].overdue.append(item)
            if !(workers[worker.phone]?.grids.contains(item.grid) ?? true) { workers[worker.phone]?.grids.append(item.grid) }
        }
        let list = workers.values.sorted { ($0.overdue.count, $1.name) > ($1.overdue.count, $0.name) }
        return try JSONResponse.make(["workers": list])
    }

    // MARK: Statistics

    /// `GET /v1/stats/households?groupBy=grid|community|street&from=&to=&coverageDays=30`.
    private func stats(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, Self.readers)
        let query = request.uri.queryParameters
        let groupBy = query["groupBy"].map(String.init) ?? "street"
        var errors: [APIError.FieldError] = []
        if !["grid", "community", "street"].contains(groupBy) {
            errors.append(.init(field: "groupBy", message: "must be grid, community or street"))
        }
        let period = StatsPeriod.parse(query, errors: &errors)
        let coverageDays = query["coverageDays"].map { Int(String($0)) ?? -1 } ?? 30
        if !(1...3650).contains(coverageDays) { errors.append(.init(field: "coverageDays", message: "must be 1 to 3650")) }
        guard errors.isEmpty else { throw APIError.badRequest(errors) }
        let snapshot = try await self.jurisdiction.snapshot()
        let report = try await HouseholdReport.make(
            groupBy: groupBy, from: period.from, to: period.to, coverageDays: coverageDays, grids: try await self.scope(principal),
            snapshot: snapshot, year: self.year(), statistics: self.statistics
        )
        return try JSONResponse.make(report)
    }
}
