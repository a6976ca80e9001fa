import Foundation
import HotlineDomain
import Hummingbird
import ServiceSupport

/// JSON responses with the project's date format (ISO 8601 with milliseconds).
enum JSONResponse {
    /// The business calendar's zone (`TZ`), in which deadlines are also written for people.
    static let deadlineZone = (try? ConfigurationReader().read(HotlineSettings.Key.timeZone)) ?? WorkingCalendar.chinaTimeZone

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let encoder = HotlineJSON.encoder()
        encoder.userInfo[.deadlineTimeZone] = Self.deadlineZone
        let data = try encoder.encode(value)
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// The body as bytes, refusing bodies over `limit` (413) and non-JSON content types (415).
    func jsonBody(limit: Int = 64 * 1024) async throws -> [UInt8] {
        let type = self.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw APIError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send application/json")
        }
        do {
            return Array(try await self.body.collect(upTo: limit).readableBytesView)
        } catch {
            throw APIError(status: .contentTooLarge, code: "too_large", message: "body over \(limit) bytes")
        }
    }

    /// The body parsed as a JSON object, or 400.
    func jsonObject(limit: Int = 64 * 1024) async throws -> (bytes: [UInt8], object: [String: Any]) {
        let bytes = try await self.jsonBody(limit: limit)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw APIError.badRequest(field: "body", "not a JSON object")
        }
        return (bytes, object)
    }
}
