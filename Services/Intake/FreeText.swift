import Foundation

/// Limits on free text that people type (notes, reasons, descriptions): long enough for what a
/// person writes, short enough that no field stores a document. Over the limit is a 400 naming
/// the field; nothing is written.
enum FreeText {
    /// A note on a reply, a reason for a cancel or a return.
    static let maxNote = 1_000

    /// The optional text `field` of `body`, trimmed; 400 when it is not a string or too long.
    static func optional(_ body: [String: Any], _ field: String, max: Int = FreeText.maxNote) throws -> String? {
        guard let value = body[field], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw APIError.badRequest(field: field, "must be a string") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= max else { throw APIError.badRequest(field: field, "longer than \(max) characters") }
        guard !trimmed.unicodeScalars.contains("\u{0}") else { throw APIError.badRequest(field: field, "contains a NUL character") }
        return trimmed.isEmpty ? nil : trimmed
    }
}
