import CaseStore
import Foundation

/// A grid worker's reply `收到` or `OK` (any case, trailing punctuation ignored): it acknowledges
/// the latest broadcast sent to that phone that asks for an acknowledgement, as the mobile
/// page's button does (``BroadcastAcknowledgements``, shared with intake).
enum BroadcastAcknowledgement {
    /// Whether `text` is an acknowledgement.
    static func matches(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "。.!！~～")))
        return trimmed == "收到" || trimmed.lowercased() == "ok"
    }

    /// Records the acknowledgement from `phone`; nil when no broadcast to that phone asks for
    /// one, otherwise what happened (`acknowledged <id>` or `already acknowledged <id>`).
    static func record(from phone: String, at date: Date, in cases: any InboundSMSCases) throws -> String? {
        switch try cases.acknowledgeBroadcast(from: phone, at: date) {
        case nil: nil
        case .acknowledged(let id, _): "acknowledged \(id)"
        case .already(let id, _): "already acknowledged \(id)"
        }
    }
}
