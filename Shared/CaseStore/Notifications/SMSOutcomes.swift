import Foundation

/// What became of a batch of sends.
public struct SMSOutcomes: Sendable {
    /// Ids the gateway took.
    public var sent: [String] = []
    /// Ids to try again: after `delay` seconds, with the error of this attempt.
    public var retry: [(id: String, delay: Double, error: String)] = []
    /// Ids that will never be taken, with the reason.
    public var failed: [(id: String, reason: String)] = []

    /// No outcomes yet.
    public init() {}
}
