import Foundation

/// One SMS as the gateway contract names it (CONTRACTS.md section 6).
struct OutboundSMS: Codable, Sendable {
    var messageId: String
    var to: String
    var text: String
    var kind: String
    var ticketNumber: String?
}

/// What became of one send attempt.
enum SendOutcome: Sendable {
    /// 2xx: the gateway took it.
    case accepted
    /// 429, 5xx, time-out, connection failure: try again later with the same messageId, not
    /// before `after` seconds when the gateway said so (`Retry-After`).
    case retry(String, after: Double? = nil)
    /// Any other 4xx: it will never be taken.
    case permanent(String)
}

/// Where SMS go: the signed HTTP gateway, or a local file when none is configured.
protocol SMSGateway: Sendable {
    func send(_ sms: OutboundSMS) async -> SendOutcome
    func shutdown() async
}
