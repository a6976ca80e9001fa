import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Logging

/// Open311 GeoReport v2 under `/open311/v2/` (JSON and XML), with discovery at
/// `/open311/discovery.json`. Services are the catalog's categories; a request becomes an
/// ordinary ticket of channel `web`; `service_request_id` is the ticket number.
struct Open311Controller: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The tickets.
    let tickets: any TicketRepository
    /// The Open311 requests and their public photos.
    let requests: any Open311Repository
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where outages are logged.
    let logger: Logger

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("open311/:file") { request, context in
            try await self.guarded(context.parameters.require("file")) { name, format in
                guard name == "discovery" else { throw Open311Error(status: .notFound, description: "no such resource", format: format) }
                return self.discovery(request, format)
            }
        }
        router.get("open311/v2/:file") { request, context in
            try await self.guarded(context.parameters.require("file")) { name, format in
                switch name {
                case "services": return try await self.services(format)
                case "requests": return try await self.listRequests(request, format)
                default: throw Open311Error(status: .notFound, description: "no such resource", format: format)
                }
            }
        }
        router.post("open311/v2/:file") { request, context in
            try await self.guarded(context.parameters.require("file")) { name, format in
                guard name == "requests" else { throw Open311Error(status: .notFound, description: "no such resource", format: format) }
                return try await self.createRequest(request, format)
            }
        }
        router.get("open311/v2/services/:file") { _, context in
            try await self.guarded(context.parameters.require("file")) { code, format in try await self.definition(code, format) }
        }
        router.get("open311/v2/requests/:file") { request, context in
            try await self.guarded(context.parameters.require("file")) { id, format in try await self.oneRequest(request, id, format) }
        }
        router.get("open311/v2/media/:id") { request, context in try await self.media(request, context.parameters.require("id")) }
        router.get("open311/v2/tokens/:file") { request, context in
            try await self.guarded(context.parameters.require("file")) { token, format in try await self.token(request, token, format) }
        }
    }

    /// Splits `name.format`, and turns every failure into a GeoReport error document.
    private func guarded(_ file: String, _ body: (String, Open311Format) async throws -> Response) async throws -> Response {
        guard let (name, format) = Open311Format.split(file) else {
            return Open311Error(status: .notFound, description: "use the .json or .xml extension", format: .json).response()
        }
        do {
            return try await body(name, format)
        } catch let error as Open311Error {
            return error.response()
        } catch let error as APIError {
            return Open311Error(status: error.status, description: error.message, format: format).response()
        }
    }

    private func discovery(_ request: Request, _ format: Open311Format) -> Response {
        let host = request.head.authority ?? "localhost"
        let base = "http://\(host)/open311/v2/"
        if format == .xml {
            let xml = [
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><discovery><changeset>2026-11-22T00:00:00Z</changeset>",
                "<contact>12345 hotline</contact><key_service>intake keys create --role open311</key_service><endpoints>",
                "<endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>\(base)</url>",
                "<changeset>2026-11-22T00:00:00Z</changeset><type>production</type><formats><format>application/json</format>",
                "<format>text/xml</format></formats></endpoint></endpoints></discovery>",
            ].joined()
            return Open311Document.response(xml, type: "text/xml; charset=utf-8", status: .ok)
        }
        let json: [String: Any] = [
            "changeset": "2026-11-22T00:00:00Z", "contact": "12345 hotline",
            "key_service": "intake keys create --role open311",
            "endpoints": [[
                "specification": "http://wiki.open311.org/GeoReport_v2", "url": base, "changeset": "2026-11-22T00:00:00Z",
                "type": "production", "formats": ["application/json", "text/xml"],
            ]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Open311Document.response(String(decoding: data, as: UTF8.self), type: "application/json; charset=utf-8", status: .ok)
    }

    private func services(_ format: Open311Format) async throws -> Response {
        let snapshot = try await self.jurisdiction.snapshot()
        let records: [Open311Document.Record] = snapshot.jurisdiction.catalog.categories.map { category in
            [
                ("service_code", .string(category.code)), ("service_name", .string(category.name)),
                ("description", .string(category.name)), ("metadata", .bool(false)), ("type", .string("realtime")),
                ("keywords", .string(category.keywords.joined(separator: ","))),
                ("group", .string(self.group(category, snapshot))),
            ]
        }
        return Open311Document(root: "services", element: "service", records: records).response(format: format)
    }

    private func group(_ category: HotlineDomain.Category, _ snapshot: JurisdictionSnapshot) -> String {
        switch category.handler {
        case .department: category.department.flatMap { snapshot.department($0)?.name } ?? "部门"
        case .community: "社区"
        case .secretary: "社区书记"
        case .volunteer: "社区志愿服务"
        }
    }

    private func definition(_ code: String, _ format: Open311Format) async throws -> Response {
        let snapshot = try await self.jurisdiction.snapshot()
        guard snapshot.category(code) != nil else {
            throw Open311Error(status: .notFound, description: "service_code \(code) not found", format: format)
        }
        switch format {
        case .json:
            return Open311Document.response(
                "{\"service_code\":\(Open311Document.jsonString(code)),\"attributes\":[]}", type: "application/json; charset=utf-8",
                status: .ok
            )
        case .xml:
            return Open311Document.response(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_definition><service_code>\(Open311Document.xmlEscape(code))</service_code><attributes></attributes></service_definition>",
                type: "text/xml; charset=utf-8", status: .ok
            )
        }
    }
}
