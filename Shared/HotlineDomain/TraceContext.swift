import Foundation

/// W3C trace context (`traceparent: 00-<trace id>-<span id>-<flags>`): the trace id of the
/// request that created a ticket, carried by every event and task about it, so that one id
/// finds the ticket in the logs of all three services.
public struct TraceContext: Sendable, Hashable {
    /// 32 lowercase hex digits, never all zeros.
    public let traceId: String

    /// The context of a `traceparent` header, or nil when it is not a valid version-00 header.
    public init?(traceparent: String) {
        let parts = traceparent.trimmingCharacters(in: .whitespaces).lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "00", parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
            parts[1...3].allSatisfy({ $0.allSatisfy(\.isHexDigit) }),
            parts[1] != Substring(String(repeating: "0", count: 32)), parts[2] != Substring(String(repeating: "0", count: 16))
        else { return nil }
        self.traceId = String(parts[1])
    }

    /// A context for a stored trace id (as written by `traceId`).
    public init?(traceId: String?) {
        guard let traceId, traceId.count == 32, traceId.allSatisfy(\.isHexDigit) else { return nil }
        self.traceId = traceId
    }

    /// A new trace, for a request that came without one.
    public static func random() -> TraceContext {
        TraceContext(traceId: Self.hex(bytes: 16))!
    }

    /// A `traceparent` for one more hop of this trace (a fresh span id each time, sampled).
    public func traceparent() -> String {
        "00-\(self.traceId)-\(Self.hex(bytes: 8))-01"
    }

    private static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var out = ""
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 1...255, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }
}
