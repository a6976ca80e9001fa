import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

extension Open311Controller {
    /// POST requests: form-encoded, `api_key` required (403 without or unknown).
    func createRequest(_ request: Request, _ format: Open311Format) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 64 * 1024)
        let form = Self.form(String(buffer: bytes))
        guard let key = form["api_key"], !key.isEmpty, let principal = try await self.auth.keys.principal(for: key),
            [.open311, .operator_, .admin].contains(principal.role)
        else { throw Open311Error(status: .forbidden, description: "api_key missing or not valid", format: format) }
        let snapshot = try await self.jurisdiction.snapshot()
        guard let code = form["service_code"], !code.isEmpty else {
            throw Open311Error(status: .badRequest, description: "service_code was not provided", format: format)
        }
        guard let category = snapshot.category(code) else {
            throw Open311Error(status: .notFound, description: "service_code \(code) not found", format: format)
        }
        var body: [String: Any] = ["channel": "web", "category": code, "description": form["description"] ?? category.name]
        var location: [String: Any] = [:]
        if let lat = form["lat"] { location["lat"] = Double(lat) ?? lat }
        if let lon = form["long"] { location["lon"] = Double(lon) ?? lon }
        if let address = form["address_string"] ?? form["address_id"] { location["address"] = address }
        guard !location.isEmpty else {
            throw Open311Error(status: .badRequest, description: "lat/long, address_string or address_id is required", format: format)
        }
        body["location"] = location
        let name = [form["last_name"], form["first_name"]].compactMap { $0 }.joined()
        var caller: [String: Any] = [:]
        if !name.isEmpty { caller["name"] = name }
        if let phone = form["phone"] { caller["phone"] = phone }
        if !caller.isEmpty { body["caller"] = caller }
        if let device = form["device_id"] ?? form["account_id"] { body["externalId"] = device }
        var parsed: NewTicket
        do {
            parsed = try TicketForm.parse(body, snapshot: snapshot)
            parsed.traceId = TraceContext.random().traceId
        } catch let error as APIError {
            let text = error.fields.map { "\(Self.open311Name($0.field)): \($0.message)" }.joined(separator: "; ")
            throw Open311Error(status: .badRequest, description: text.isEmpty ? error.message : text, format: format)
        }
        let new = parsed
        let ticket = try await APIError.mapping(self.logger) {
            let promised = try await self.tickets.promise(new, using: snapshot)
            return try await self.requests.submit(new, promisedBy: promised)
        }
        return Open311Document(
            root: "service_requests", element: "request",
            records: [[
                ("service_request_id", .string(ticket.number)), ("token", .string(ticket.id)),
                ("service_notice", .string("已受理，工单号 \(ticket.number)")), ("account_id", nil),
            ]]
        ).response(format: format, status: .created)
    }

    /// Whether the caller may see every ticket: an operator's or admin's key (as `api_key` or a
    /// bearer token). Everyone else sees only tickets submitted through Open311 POST.
    private func seesAll(_ request: Request) async throws -> Bool {
        let secret = request.uri.queryParameters["api_key"].map { String($0).removingPercentEncoding ?? String($0) }
        guard let principal = try await self.auth.optional(request, secret: secret.flatMap { $0.isEmpty ? nil : $0 }) else {
            return false
        }
        return principal.role == .operator_ || principal.role == .admin
    }

    /// GET requests with the GeoReport filters; by default the last 90 days, at most 1,000.
    func listRequests(_ request: Request, _ format: Open311Format) async throws -> Response {
        let all = try await self.seesAll(request)
        let query = request.uri.queryParameters
        func list(_ name: String) -> [String]? {
            query[Substring(name)].map { String($0).removingPercentEncoding ?? String($0) }
                .map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        func date(_ name: String) throws -> Date? {
            guard let text = query[Substring(name)].map({ String($0).removingPercentEncoding ?? String($0) }) else { return nil }
            guard let date = HotlineJSON.parseDate(text) else {
                throw Open311Error(status: .badRequest, description: "\(name) is not a W3C date-time", format: format)
            }
            return date
        }
        let ids = list("service_request_id")
        let codes = list("service_code")
        let statuses = list("status")
        if let statuses, statuses.contains(where: { $0 != "open" && $0 != "closed" }) {
            throw Open311Error(status: .badRequest, description: "status must be open or closed", format: format)
        }
        var end = try date("end_date")
        var start = try date("start_date")
        if ids == nil {
            // The specification's default window: 90 days.
            if start == nil { start = (end ?? Date()).addingTimeInterval(-90 * 86_400) }
            if end == nil { end = Date().addingTimeInterval(60) }
        }
        let filter = Open311Filter(
            all: all, numbers: ids, categories: codes, start: start, end: end,
            statuses: statuses.map { $0.flatMap { $0 == "open" ? Self.openStates : Self.closedStates } }
        )
        let found = try await APIError.mapping(self.logger) { try await self.requests.requests(filter) }
        let snapshot = try? await self.jurisdiction.snapshot()
        let base = Self.mediaBase(request)
        return Open311Document(
            root: "service_requests", element: "request",
            records: found.map { self.record($0.ticket, snapshot, media: $0.photo.map { base + $0 }) }
        ).response(format: format)
    }

    /// GET requests/{id}: by ticket number (or id); 404 for a ticket that is not public unless
    /// the caller sees every ticket.
    func oneRequest(_ request: Request, _ id: String, _ format: Open311Format) async throws -> Response {
        let all = try await self.seesAll(request)
        guard let (ticket, photo) = try await APIError.mapping(self.logger, { try await self.requests.request(id, all: all) }).map({ ($0.ticket, $0.photo) })
        else {
            throw Open311Error(status: .notFound, description: "service_request_id \(id) not found", format: format)
        }
        let snapshot = try? await self.jurisdiction.snapshot()
        return Open311Document(
            root: "service_requests", element: "request", records: [self.record(ticket, snapshot, media: photo.map { Self.mediaBase(request) + $0 })]
        ).response(format: format)
    }

    /// GET tokens/{token}: the token is the ticket id returned by POST (public tickets only,
    /// unless the caller sees every ticket).
    func token(_ request: Request, _ token: String, _ format: Open311Format) async throws -> Response {
        let all = try await self.seesAll(request)
        guard UUID(uuidString: token) != nil, let ticket = try await APIError.mapping(self.logger, { try await self.requests.ticket(token, all: all) })
        else {
            throw Open311Error(status: .notFound, description: "token \(token) not found", format: format)
        }
        return Open311Document(
            root: "service_requests", element: "request",
            records: [[("service_request_id", .string(ticket.number)), ("token", .string(token))]]
        ).response(format: format)
    }

    static let openStates = ["received", "assigned", "accepted", "unroutable", "returned"]
    static let closedStates = ["resolved", "closed", "cancelled", "duplicate", "answered"]

    private func record(_ ticket: Ticket, _ snapshot: JurisdictionSnapshot?, media: String?) -> Open311Document.Record {
        let open = Self.openStates.contains(ticket.status.rawValue)
        let notes: [TicketStatus: String] = [
            .received: "已受理，正在分派", .assigned: "已分派承办单位", .accepted: "承办单位已接单办理",
            .unroutable: "待人工分派", .resolved: "已办结，待评价", .closed: "已办结", .cancelled: "已撤销", .duplicate: "重复件，已并案",
            .answered: "已直接答复",
            .returned: "退回待中心审核",
        ]
        let lead = ticket.routing?.departments.first { $0.role == .lead }
        let agency = lead?.name ?? ticket.routing?.communityName
        func date(_ d: Date?) -> Open311Value? { d.map { .string(HotlineJSON.format($0)) } }
        return [
            ("service_request_id", .string(ticket.number)), ("status", .string(open ? "open" : "closed")),
            ("status_notes", .string(notes[ticket.status] ?? ticket.status.rawValue)),
            ("service_name", ticket.category.flatMap { snapshot?.category($0)?.name }.map { .string($0) }),
            ("service_code", ticket.category.map { .string($0) }), ("description", .string(ticket.description)),
            ("agency_responsible", agency.map { .string($0) }), ("service_notice", nil),
            ("requested_datetime", date(ticket.createdAt)), ("updated_datetime", date(ticket.updatedAt)),
            ("expected_datetime", date(ticket.deadlines.resolveBy)), ("address", ticket.location.address.map { .string($0) }),
            ("address_id", nil), ("zipcode", nil), ("lat", ticket.location.lat.map { .number($0) }),
            ("long", ticket.location.lon.map { .number($0) }), ("media_url", media.map { .string($0) }),
        ]
    }

    /// Parses `application/x-www-form-urlencoded` (`+` is a space).
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let key = parts.first, !key.isEmpty { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    /// The GeoReport name of one of our field names, for error descriptions.
    static func open311Name(_ field: String) -> String {
        ["caller.phone": "phone", "location.lat": "lat", "location.lon": "long", "location.address": "address_string",
         "description": "description", "caller.name": "first_name"][field] ?? field
    }
}
