@testable import AMQP
import Testing

@Suite struct ConfirmTrackerTests {
    @Test func multipleAcksSettleEverythingUpToTheirTag() {
        var tracker = ConfirmTracker(base: 11, count: 5)
        tracker.sent = 5
        tracker.settle(tag: 10, multiple: true, failure: nil)  // an earlier batch's: ignored
        #expect(tracker.inFlight == 5)
        tracker.settle(tag: 13, multiple: true, failure: nil)
        #expect(tracker.inFlight == 2)
        tracker.settle(tag: 12, multiple: true, failure: nil)  // already settled: no effect
        #expect(tracker.inFlight == 2)
        tracker.settle(tag: 15, multiple: false, failure: "nacked")
        #expect(tracker.unsettledIndices == [3])
        tracker.settle(tag: 14, multiple: true, failure: nil)
        #expect(tracker.isComplete)
        #expect(tracker.failures.keys.sorted() == [4])
    }

    @Test func aReturnMarksTheFirstMatchingUnsettledMessage() {
        let messages = ["a", "b", "b"].map { AMQPOutgoingMessage(exchange: "x", routingKey: $0, body: []) }
        var tracker = ConfirmTracker(base: 1, count: 3)
        tracker.sent = 3
        let returned = AMQPConnection.ReturnedMessage(replyCode: 312, replyText: "NO_ROUTE", exchange: "x", routingKey: "b")
        tracker.markReturned(returned, in: messages)
        tracker.markReturned(returned, in: messages)
        tracker.settle(tag: 3, multiple: true, failure: nil)
        #expect(tracker.isComplete)
        #expect(tracker.failures.keys.sorted() == [1, 2])
        #expect(tracker.firstFailure?.2 == 312)
    }
}
