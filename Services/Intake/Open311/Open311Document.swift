import Foundation
import Hummingbird

/// A GeoReport v2 answer that renders as JSON or XML: an array of flat records under a root
/// element (`services`/`service`, `service_requests`/`request`, `errors`/`error`).
struct Open311Document: Sendable {
    /// Field values in order; nil renders as JSON null / an empty element.
    typealias Record = [(String, Open311Value?)]

    var root: String
    var element: String
    var records: [Record]

    func response(format: Open311Format, status: HTTPResponse.Status = .ok) -> Response {
        switch format {
        case .json:
            let items = self.records.map { record in
                "{" + record.map { "\(Self.jsonString($0.0)):\($0.1?.json ?? "null")" }.joined(separator: ",") + "}"
            }
            return Self.response("[" + items.joined(separator: ",") + "]", type: "application/json; charset=utf-8", status: status)
        case .xml:
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><\(self.root)>"
            for record in self.records {
                xml += "<\(self.element)>"
                for (name, value) in record { xml += "<\(name)>\(value?.xml ?? "")</\(name)>" }
                xml += "</\(self.element)>"
            }
            xml += "</\(self.root)>"
            return Self.response(xml, type: "text/xml; charset=utf-8", status: status)
        }
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func jsonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return data.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"\""
    }

    static func xmlEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}

/// One field value of a GeoReport record.
enum Open311Value: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)

    var json: String {
        switch self {
        case .string(let text): Open311Document.jsonString(text)
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): b ? "true" : "false"
        }
    }

    var xml: String {
        switch self {
        case .string(let text): Open311Document.xmlEscape(text)
        case .number: self.json
        case .bool(let b): b ? "true" : "false"
        }
    }
}

/// The two formats GeoReport v2 defines, chosen by the path's extension.
enum Open311Format: String, Sendable {
    case json, xml

    /// Splits `services.json` into (`services`, .json); nil for another extension.
    static func split(_ name: String) -> (String, Open311Format)? {
        guard let dot = name.lastIndex(of: "."), let format = Open311Format(rawValue: String(name[name.index(after: dot)...])) else {
            return nil
        }
        return (String(name[..<dot]), format)
    }
}

/// A GeoReport error: answered as `[{code, description}]` with the same HTTP status.
struct Open311Error: Error {
    var status: HTTPResponse.Status
    var description: String
    var format: Open311Format

    func response() -> Response {
        Open311Document(
            root: "errors", element: "error",
            records: [[("code", .number(Double(self.status.code))), ("description", .string(self.description))]]
        ).response(format: self.format, status: self.status)
    }
}
