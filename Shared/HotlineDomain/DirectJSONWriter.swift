import Foundation

/// Writes JSON bytes straight into a buffer, the way ``HotlineJSON/encoder()`` writes them
/// (no white space, `/` unescaped, instants as ``HotlineJSON/format(_:)``), for the few types
/// on hot paths that write themselves (``DirectJSONEncodable``) instead of going through
/// `Codable` and `JSONEncoder`, which cost the dispatcher an eighth of its CPU.
///
/// ```swift
/// var writer = DirectJSONWriter()
/// writer.objectStart()
/// writer.key("id", first: true)
/// writer.string("a/b")
/// writer.objectEnd()
/// writer.text   // {"id":"a/b"}
/// ```
public struct DirectJSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init(capacity: Int = 512) {
        self.bytes.reserveCapacity(capacity)
    }

    /// The bytes as a string.
    public var text: String {
        String(decoding: self.bytes, as: UTF8.self)
    }

    /// `{`.
    public mutating func objectStart() {
        self.bytes.append(UInt8(ascii: "{"))
    }

    /// `}`.
    public mutating func objectEnd() {
        self.bytes.append(UInt8(ascii: "}"))
    }

    /// `[`.
    public mutating func arrayStart() {
        self.bytes.append(UInt8(ascii: "["))
    }

    /// `]`.
    public mutating func arrayEnd() {
        self.bytes.append(UInt8(ascii: "]"))
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        self.arrayStart()
        for (index, value) in values.enumerated() {
            self.separator(first: index == 0)
            self.string(value)
        }
        self.arrayEnd()
    }

    /// `,` unless `first`.
    public mutating func separator(first: Bool) {
        if !first { self.bytes.append(UInt8(ascii: ",")) }
    }

    /// A member's name and `:`, preceded by `,` unless `first`.
    public mutating func key(_ name: String, first: Bool = false) {
        self.separator(first: first)
        self.string(name)
        self.bytes.append(UInt8(ascii: ":"))
    }

    /// `null`.
    public mutating func null() {
        self.bytes.append(contentsOf: "null".utf8)
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        self.bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Decimal digits.
    public mutating func int(_ value: Int) {
        self.bytes.append(contentsOf: String(value).utf8)
    }

    /// An instant as `"YYYY-MM-DDTHH:MM:SS.mmmZ"`.
    public mutating func date(_ value: Date) {
        self.string(ISOTimestamp.format(value))
    }

    /// A quoted string: `"` and `\` escaped, control characters as `\n`, `\t`... or `\u00XX`;
    /// everything else as is (UTF-8, `/` included).
    public mutating func string(_ value: String) {
        self.bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                self.bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                self.bytes.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: self.bytes.append(byte)
            }
        }
        self.bytes.append(UInt8(ascii: "\""))
    }

    /// Appends JSON text written elsewhere.
    public mutating func raw(_ json: [UInt8]) {
        self.bytes.append(contentsOf: json)
    }

    /// The order `JSONEncoder` writes an object's members in with `.sortedKeys`: by UTF-8 bytes
    /// (`B2` before `a`, `b10` before `b9`).
    public static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
