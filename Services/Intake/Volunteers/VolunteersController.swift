import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// The volunteers' API (CONTRACTS section 16, docs/volunteers.md): the community's ranking by
/// points, one volunteer with the tickets behind its points and its ledger, adding and changing
/// volunteers (pause, skills, weekdays), good-deed awards, redemptions, and a secretary giving
/// a service order to a volunteer by hand. A secretary's key reaches its own community only.
struct VolunteersController: Sendable {
    let auth: Authenticator
    let jurisdiction: any JurisdictionSource
    let volunteers: any VolunteerRepository

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/volunteers") { request, _ in try await self.list(request) }
        router.post("v1/volunteers") { request, _ in try await self.create(request) }
        router.get("v1/volunteers/:code") { request, context in try await self.show(request, context.parameters.require("code")) }
        router.patch("v1/volunteers/:code") { request, context in try await self.change(request, context.parameters.require("code")) }
        router.post("v1/volunteers/:code/points") { request, context in try await self.award(request, context.parameters.require("code")) }
        router.post("v1/volunteers/:code/redemptions") { request, context in
            try await self.redeem(request, context.parameters.require("code"))
        }
        router.post("v1/tickets/:id/volunteer") { request, context in try await self.assign(request, context.parameters.require("id")) }
    }

    /// The community a secretary's key is limited to; nil (every community) for staff.
    private func scope(_ principal: Principal) throws -> String? {
        guard principal.role == .secretary else { return nil }
        guard let community = principal.community else { throw APIError.forbidden("this key has no community") }
        return community
    }

    /// The volunteer `code`, 404 when unknown or of another community than the secretary's.
    private func volunteer(_ code: String, _ principal: Principal) async throws -> VolunteerDetail {
        guard let detail = try await self.volunteers.detail(code: code),
            try self.scope(principal).map({ $0 == detail.record.volunteer.community }) ?? true
        else { throw APIError.notFound("volunteer \(code) not found") }
        return detail
    }

    private func list(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .secretary])
        var community = request.uri.queryParameters.get("community").flatMap { $0.isEmpty ? nil : $0 }
        if let own = try self.scope(principal) {
            if let community, community != own { throw APIError.forbidden("a secretary sees its own community's volunteers") }
            community = own
        }
        let rows = try await self.volunteers.ranking(community: community)
        // Equal points share a rank (1, 2, 2, 4).
        var ranked: [VolunteerView] = []
        for (index, record) in rows.enumerated() {
            let rank = index > 0 && rows[index - 1].points == record.points ? ranked[index - 1].rank : index + 1
            ranked.append(VolunteerView(record, rank: rank, withPhone: false))
        }
        return try JSONResponse.make(VolunteerList(community: community, volunteers: ranked))
    }

    private func show(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .secretary])
        let detail = try await self.volunteer(code, principal)
        var view = VolunteerView(detail.record, rank: detail.rank, withPhone: true)
        view.observes = detail.observes
        view.tickets = detail.tickets.map { VolunteerView.PointsTicket(id: $0.ticketId ?? "", number: $0.ticketNumber ?? "", points: $0.delta, at: $0.at) }
        view.ledger = detail.ledger
        return try JSONResponse.make(view)
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin, .secretary])
        let (bytes, _) = try await request.jsonObject()
        let volunteer = try await self.parse(bytes)
        if let own = try self.scope(principal), volunteer.community != own {
            throw APIError.badRequest(field: "community", "a secretary adds volunteers of its own community (\(own))")
        }
        do {
            let saved = try await self.volunteers.save(volunteer, create: true)
            return try JSONResponse.make(VolunteerView(saved, rank: nil, withPhone: true), status: .created, headers: [.location: "/v1/volunteers/\(volunteer.code)"])
        } catch let conflict as VolunteerConflict {
            throw APIError.conflict("volunteer_exists", "volunteer \(conflict.code) exists; change it with PATCH")
        }
    }

    /// `{"paused", "skills", "weekdays", "name", "phone", "observes"}`, each optional.
    private func change(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin, .secretary])
        let current = try await self.volunteer(code, principal)
        let (_, body) = try await request.jsonObject()
        for key in body.keys where !["paused", "skills", "weekdays", "name", "phone", "observes"].contains(key) {
            throw APIError.badRequest(field: key, "unknown field (expected paused, skills, weekdays, name, phone, observes)")
        }
        let volunteer = current.record.volunteer
        var merged: [String: Any] = [
            "code": volunteer.code, "name": volunteer.name, "phone": volunteer.phone, "community": volunteer.community,
            "skills": volunteer.skills, "weekdays": volunteer.weekdays, "paused": volunteer.paused, "observes": current.observes,
        ]
        merged.merge(body) { _, new in new }
        let changed = try await self.parse(try JSONSerialization.data(withJSONObject: merged))
        let saved = try await self.volunteers.save(changed, create: false)
        var view = VolunteerView(saved, rank: nil, withPhone: true)
        view.observes = changed.observes
        return try JSONResponse.make(view)
    }

    /// A good deed: `{"deed": "patrol"|"mediation"|"help" (or 巡逻/调解/帮扶), "points", "note"}`.
    private func award(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.admin, .secretary])
        _ = try await self.volunteer(code, principal)
        let (_, body) = try await request.jsonObject()
        guard let deed = (body["deed"] as? String).flatMap(PointsLedgerRules.GoodDeed.init(named:)) else {
            throw APIError.badRequest(field: "deed", "one of patrol (巡逻), mediation (调解), help (帮扶)")
        }
        let points = try Self.points(body)
        let note = try FreeText.optional(body, "note")
        let entry = try await self.ledger {
            try await self.volunteers.award(code, deed: deed, points: points, note: note, byRole: principal.role.rawValue, byName: principal.name)
        }
        return try JSONResponse.make(entry, status: .created)
    }

    /// A redemption at the 文明积分超市: `{"points", "item", "note"?}`; 409 beyond the balance.
    private func redeem(_ request: Request, _ code: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .secretary])
        _ = try await self.volunteer(code, principal)
        let (_, body) = try await request.jsonObject()
        let points = try Self.points(body)
        let item = try FreeText.optional(body, "item", max: 200)
        let note = try FreeText.optional(body, "note")
        let entry = try await self.ledger {
            try await self.volunteers.redeem(code, points: points, item: item, note: note, byRole: principal.role.rawValue, byName: principal.name)
        }
        return try JSONResponse.make(entry, status: .created)
    }

    /// A secretary (or the centre) gives a service order to a volunteer: `{"volunteer": code}`.
    private func assign(_ request: Request, _ id: String) async throws -> Response {
        let principal = try await self.auth.require(request, [.operator_, .admin, .secretary])
        let (_, body) = try await request.jsonObject()
        guard let code = try FreeText.optional(body, "volunteer", max: 64) else { throw APIError.badRequest(field: "volunteer", "required") }
        let take = try await self.volunteers.assign(id, to: code, by: principal.name, community: try self.scope(principal))
        switch take.outcome {
        case .taken, .alreadyYours: return try JSONResponse.make(take.ticket)
        case .takenByOther(let other): throw APIError.conflict("already_taken", "volunteer \(other) took this order first")
        case .notOffered: throw APIError.notFound("ticket \(id) not found")
        case .closed(let status): throw APIError.conflict("illegal_transition", "the order is \(status.rawValue), not waiting for a volunteer")
        }
    }

    /// Maps the ledger's refusals: beyond the balance or the cap 409, bad fields 400.
    private func ledger(_ body: () async throws -> VolunteerLedger.Entry) async throws -> VolunteerLedger.Entry {
        do {
            return try await body()
        } catch VolunteerLedger.Failure.unknownVolunteer(let code) {
            throw APIError.notFound("volunteer \(code) not found")
        } catch VolunteerLedger.Failure.refused(let refusal) {
            switch refusal {
            case .insufficient: throw APIError.conflict("insufficient_points", refusal.description)
            case .monthlyCap: throw APIError.conflict("monthly_cap", refusal.description)
            case .invalid(let field, let message): throw APIError.badRequest(field: field, message)
            }
        }
    }

    private static func points(_ body: [String: Any]) throws -> Int {
        guard let number = body["points"] as? NSNumber, String(cString: number.objCType) != "c", number.doubleValue == number.doubleValue.rounded(),
            number.intValue >= 1, number.intValue <= 100_000
        else { throw APIError.badRequest(field: "points", "a whole number >= 1") }
        return number.intValue
    }

    private func parse(_ bytes: some Sequence<UInt8>) async throws -> Volunteer {
        let snapshot = try await self.jurisdiction.snapshot()
        let value: JSONValue
        do { value = try JSONValue(parsing: Data(bytes)) } catch { throw APIError.badRequest(field: "body", "not valid JSON") }
        do {
            return try VolunteerFileReader.one(value, jurisdiction: snapshot.jurisdiction)
        } catch let error as VolunteerFileError {
            throw APIError.badRequest(error.issues.map { APIError.FieldError(field: $0.field.isEmpty ? "body" : $0.field, message: $0.message) })
        }
    }
}
