import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

/// `POST /v1/jurisdiction/what-if` (admin): replays the period's tickets through a proposed
/// jurisdiction and answers what would have changed, changing nothing (CONTRACTS.md section 15);
/// `GET /v1/jurisdiction/versions`: every imported version, who imported it and when.
///
/// The body is `{"grids": <grids.geojson>, "catalog": <catalog.json>, "since": "P90D", "limit": 100}`;
/// the two documents are validated by the import's own readers, so a bad one gets the import's
/// field errors (400). `?format=html` answers the printable page instead of JSON.
struct WhatIfController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The versions, and the replays against them.
    let replay: any JurisdictionReplay

    /// The largest body taken: a city's grids file with its polygons.
    static let bodyLimit = 32 * 1024 * 1024

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.post("v1/jurisdiction/what-if") { request, _ in try await self.whatIf(request) }
        router.get("v1/jurisdiction/versions") { request, _ in try await self.versions(request) }
    }

    private func whatIf(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.admin])
        let bytes = try await request.jsonBody(limit: Self.bodyLimit)
        guard let body = (try? JSONValue(parsing: Data(bytes)))?.objectValue else { throw APIError.badRequest(field: "body", "not a JSON object") }
        let (proposed, since, limit) = try Self.parse(body)
        let html = request.uri.queryParameters["format"].map(String.init) == "html"
        let (report, grids) = try await self.replay.whatIf(proposed: proposed, since: since, sampleLimit: limit)
        guard html else { return try JSONResponse.make(report) }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentDisposition] = "inline; filename=\"what-if.html\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: report.html(grids: grids))))
    }

    /// The proposed jurisdiction, the period and the sample limit, or 400 naming every problem.
    static func parse(_ body: [String: JSONValue]) throws -> (Jurisdiction, ISODuration, Int) {
        var errors: [APIError.FieldError] = []
        let sinceText = body["since"] == nil ? "P90D" : body["since"]?.stringValue
        let since = sinceText.flatMap(ISODuration.init).flatMap { $0.seconds > 0 ? $0 : nil }
        if since == nil { errors.append(.init(field: "since", message: "an ISO 8601 duration such as P90D")) }
        let limit = body["limit"] == nil ? 100 : body["limit"]?.intValue.flatMap { (1...10_000).contains($0) ? $0 : nil }
        if limit == nil { errors.append(.init(field: "limit", message: "an integer from 1 to 10000")) }
        var documents: [Data] = []
        for name in ["grids", "catalog"] {
            // Re-encoded from the parsed value (bools stay bools), then read by the import's readers.
            if let object = body[name], object.objectValue != nil, let data = try? JSONEncoder().encode(object) {
                documents.append(data)
            } else {
                errors.append(.init(field: name, message: body[name] == nil ? "required" : "must be a JSON object (the \(name) document)"))
            }
        }
        guard errors.isEmpty, documents.count == 2, let since, let limit else { throw APIError.badRequest(errors) }
        do {
            return (try Jurisdiction.decode(gridsJSON: documents[0], catalogJSON: documents[1]), since, limit)
        } catch let JurisdictionError.invalid(issues) {
            // The import's own messages: file, entry and field name the place, as `dispatcher import` prints them.
            throw APIError.badRequest(issues.map { issue in
                APIError.FieldError(field: [issue.file, issue.entry, issue.field].filter { !$0.isEmpty }.joined(separator: ": "), message: issue.message)
            })
        }
    }

    private func versions(_ request: Request) async throws -> Response {
        _ = try await self.auth.require(request, [.admin, .operator_])
        let versions = try await self.replay.versions()
        return try JSONResponse.make(["versions": versions])
    }
}
