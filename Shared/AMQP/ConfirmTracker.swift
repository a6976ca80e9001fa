/// Which messages of one confirmed batch are settled, and how. Message `i` has the publish
/// sequence number (confirm delivery tag) `base + i`.
struct ConfirmTracker {
    let base: UInt64
    let count: Int
    var sent = 0
    private var settled: [Bool]
    private var settledCount = 0
    private var lowestUnsettled = 0
    /// index -> (reason, reply code, reply text)
    private(set) var failures: [Int: (String, UInt16?, String?)] = [:]

    init(base: UInt64, count: Int) {
        self.base = base
        self.count = count
        self.settled = Array(repeating: false, count: count)
    }

    var inFlight: Int { self.sent - self.settledCount }
    var isComplete: Bool { self.settledCount == self.count }

    var unsettledIndices: [Int] {
        (0..<self.count).filter { !self.settled[$0] }
    }

    var failedOrUnsettledIndices: [Int] {
        (0..<self.count).filter { !self.settled[$0] || self.failures[$0] != nil }
    }

    var firstFailure: (Int, String, UInt16?, String?)? {
        guard let index = self.failures.keys.min(), let (reason, code, text) = self.failures[index] else { return nil }
        return (index, reason, code, text)
    }

    mutating func settle(tag: UInt64, multiple: Bool, failure: String?) {
        // Tags below base belong to earlier batches or fire-and-forget publishes.
        guard tag >= self.base, self.sent > 0 else { return }
        let last = Int(min(tag - self.base, UInt64(self.sent - 1)))
        let first = multiple ? self.lowestUnsettled : last
        guard first <= last else { return }
        for index in first...last where !self.settled[index] {
            self.settled[index] = true
            self.settledCount += 1
            if let failure, self.failures[index] == nil { self.failures[index] = (failure, nil, nil) }
        }
        while self.lowestUnsettled < self.sent && self.settled[self.lowestUnsettled] {
            self.lowestUnsettled += 1
        }
    }

    /// A return carries no sequence number, but it comes before the confirm of its message: it is
    /// the first unsettled, not yet failed message with the same exchange, routing key and id.
    mutating func markReturned(_ returned: AMQPConnection.ReturnedMessage, in messages: [AMQPOutgoingMessage]) {
        guard self.lowestUnsettled < self.sent else { return }
        for index in self.lowestUnsettled..<self.sent where !self.settled[index] && self.failures[index] == nil {
            let message = messages[index]
            if message.exchange == returned.exchange && message.routingKey == returned.routingKey
                && message.properties.messageId == returned.messageId {
                self.failures[index] = ("returned: \(returned.replyCode) \(returned.replyText)", returned.replyCode, returned.replyText)
                return
            }
        }
    }
}
