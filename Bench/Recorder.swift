import Histogram
import Synchronization

/// Every timestamp the benchmark observes, keyed by ticket number, and the latencies made
/// from them. Updated from the load generator, the department simulator and the SMS sink.
final class Recorder: Sendable {
    struct Ticket {
        var posted: UInt64 = 0
        var answered: UInt64 = 0
        var taskArrived: UInt64?
        var receiptArrived: UInt64?
        var resolveSent: UInt64?
        var ratingRequestArrived: UInt64?
        var receipts = 0
    }

    private struct State {
        var tickets: [String: Ticket] = [:]
        var idToNumber: [String: String] = [:]
        var httpErrors = 0
        var sms = 0
    }

    private let state = Mutex(State())

    func posted(number: String, id: String, sentAt: UInt64, answeredAt: UInt64) {
        self.state.withLock {
            $0.tickets[number, default: Ticket()].posted = sentAt
            $0.tickets[number, default: Ticket()].answered = answeredAt
            $0.idToNumber[id] = number
        }
    }

    func httpError() { self.state.withLock { $0.httpErrors += 1 } }

    func taskArrived(number: String, at: UInt64) {
        self.state.withLock { state in
            if state.tickets[number]?.taskArrived == nil { state.tickets[number, default: Ticket()].taskArrived = at }
        }
    }

    func resolveSent(number: String, at: UInt64) {
        self.state.withLock { $0.tickets[number, default: Ticket()].resolveSent = at }
    }

    func sms(kind: String, number: String?, at: UInt64) {
        self.state.withLock { state in
            state.sms += 1
            guard let number else { return }
            switch kind {
            case "receipt":
                state.tickets[number, default: Ticket()].receipts += 1
                if state.tickets[number]?.receiptArrived == nil { state.tickets[number]?.receiptArrived = at }
            case "rating_request":
                if state.tickets[number]?.ratingRequestArrived == nil { state.tickets[number, default: Ticket()].ratingRequestArrived = at }
            default:
                break
            }
        }
    }

    func reset() { self.state.withLock { $0 = State() } }

    /// Tickets posted so far and those whose receipt SMS has arrived.
    func progress() -> (posted: Int, receipted: Int) {
        self.state.withLock { state in
            (state.tickets.values.filter { $0.posted > 0 }.count, state.tickets.values.filter { $0.posted > 0 && $0.receiptArrived != nil }.count)
        }
    }

    /// Tickets whose resolve the department simulator has sent, and those of them whose
    /// rating-request SMS has arrived.
    func ratingProgress() -> (resolved: Int, rated: Int) {
        self.state.withLock { state in
            let resolved = state.tickets.values.filter { $0.resolveSent != nil }
            return (resolved.count, resolved.filter { $0.ratingRequestArrived != nil }.count)
        }
    }

    struct Summary {
        var posted = 0, tasks = 0, receipts = 0, duplicateReceipts = 0, ratingRequests = 0, httpErrors = 0, sms = 0
        var intakeHTTP = Histogram<UInt64>(highestTrackableValue: 120_000_000)
        var intakeToQueue = Histogram<UInt64>(highestTrackableValue: 120_000_000)
        var intakeToSMS = Histogram<UInt64>(highestTrackableValue: 120_000_000)
        var resolveToRatingSMS = Histogram<UInt64>(highestTrackableValue: 120_000_000)
        var lastReceipt: UInt64 = 0
        var firstPost: UInt64 = .max
    }

    func summary() -> Summary {
        self.state.withLock { state in
            var s = Summary()
            s.httpErrors = state.httpErrors
            s.sms = state.sms
            for t in state.tickets.values where t.posted > 0 {
                s.posted += 1
                s.firstPost = min(s.firstPost, t.posted)
                _ = s.intakeHTTP.record(max(1, t.answered &- t.posted))
                if let at = t.taskArrived, at >= t.posted {
                    s.tasks += 1
                    _ = s.intakeToQueue.record(max(1, at - t.posted))
                }
                if let at = t.receiptArrived, at >= t.posted {
                    s.receipts += 1
                    s.lastReceipt = max(s.lastReceipt, at)
                    _ = s.intakeToSMS.record(max(1, at - t.posted))
                }
                if t.receipts > 1 { s.duplicateReceipts += 1 }
                if let sent = t.resolveSent, let at = t.ratingRequestArrived, at >= sent {
                    s.ratingRequests += 1
                    _ = s.resolveToRatingSMS.record(max(1, at - sent))
                }
            }
            return s
        }
    }
}
