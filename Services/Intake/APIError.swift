import CaseStore
import Foundation
import Hummingbird

/// An error answered as `{"error": {"code", "message", "fields": [{"field", "message"}]}}`.
struct APIError: HTTPResponseError {
    /// One problem with one field of the request.
    struct FieldError: Codable, Sendable {
        var field: String
        var message: String
    }

    var status: HTTPResponse.Status
    var code: String
    var message: String
    var fields: [FieldError] = []
    var headers: HTTPFields = [:]

    static func badRequest(_ fields: [FieldError]) -> APIError {
        APIError(
            status: .badRequest, code: "invalid_request",
            message: fields.map { "\($0.field): \($0.message)" }.joined(separator: "; "), fields: fields
        )
    }

    static func badRequest(field: String, _ message: String) -> APIError {
        .badRequest([FieldError(field: field, message: message)])
    }

    static let unauthorized = APIError(status: .unauthorized, code: "unauthorized", message: "missing or unknown API key")
    static func forbidden(_ message: String) -> APIError { APIError(status: .forbidden, code: "forbidden", message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message) }
    static func conflict(_ code: String, _ message: String) -> APIError { APIError(status: .conflict, code: code, message: message) }
    static let unavailable = APIError(
        status: .serviceUnavailable, code: "unavailable", message: "the database is unreachable; nothing was recorded, retry later",
        headers: [.retryAfter: "5"]
    )
    /// Every pooled connection stayed busy, or a statement ran past its timeout.
    static let busy = APIError(
        status: .serviceUnavailable, code: "busy", message: "the database is busy; nothing was recorded, retry later",
        headers: [.retryAfter: "2"]
    )

    /// The database refuses writes for now (read-only, disk full, lock or statement timeout...).
    static let outage = APIError(
        status: .serviceUnavailable, code: "unavailable",
        message: "the database cannot record this now (read-only, full or busy); nothing was recorded, retry later",
        headers: [.retryAfter: "5"]
    )

    /// The API error for a case refusal.
    init(_ error: CaseError) {
        switch error {
        case .notFound(let id): self = .notFound("ticket \(id) not found")
        case .illegal: self = .conflict("illegal_transition", error.description)
        case .notAssigned: self = .forbidden(error.description)
        case .invalid(let field, let message): self = .badRequest(field: field, message)
        case .refused(let code, let message): self = .conflict(code, message)
        case .corrupt: self.init(status: .internalServerError, code: "internal", message: error.description)
        case .photoRequired: self = .conflict("photo_required", error.description)
        }
    }

    init(status: HTTPResponse.Status, code: String, message: String, fields: [FieldError] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.headers = headers
    }

    private struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var fields: [FieldError]
        }
        var error: Inner
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(Body(error: .init(code: self.code, message: self.message, fields: self.fields)))
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: self.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
