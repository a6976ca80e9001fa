import Foundation
import Postgres
import Synchronization
import Testing

extension DatabaseTests {
    @Suite("PostgresListener")
    struct PostgresListenerTests {
        @Test func receivesNotifyPayloads() async throws {
            let url = try TestDatabase.url()
            let channel = "Tickets \"Δ\" " + TestDatabase.uniqueName("ch")
            let listener = PostgresListener(url: url, channels: [channel, "other"], logger: TestDatabase.logger)
            let events = EventRecorder(listener.notifications())
            try await events.waitFor(count: 1) { $0 == .reconnected }
            let sender = try PostgresConnection(url: url)
            try sender.notify(channel, payload: "first 你好")
            try sender.query("SELECT pg_notify($1, $2)", [channel, "{\"id\": 2}"])
            try sender.transaction { connection in
                try connection.notify(channel, payload: "third")
                try connection.notify("unheard", payload: "nobody listens here")
            }
            try await events.waitFor(count: 3) { if case .notification = $0 { true } else { false } }
            #expect(events.payloads == ["first 你好", "{\"id\": 2}", "third"])
            #expect(events.all.compactMap { if case .notification(let n) = $0 { n.channel } else { nil } }.allSatisfy { $0 == channel })
            let stopped = ContinuousClock.now
            listener.stop()
            try await events.waitUntilFinished()
            #expect(ContinuousClock.now - stopped < .seconds(1))
        }

        @Test func cancellingTheConsumerStopsTheListener() async throws {
            let listener = PostgresListener(url: try TestDatabase.url(), channels: ["x"], logger: TestDatabase.logger)
            let stream = listener.notifications()
            let consumer = Task {
                var count = 0
                for await _ in stream { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(200))
            consumer.cancel()
            _ = await consumer.value
            // A second stream is refused (ends at once) rather than silently competing.
            var iterator = listener.notifications().makeAsyncIterator()
            #expect(await iterator.next() == nil)
        }
    }
}

/// Collects a listener's events in the background so tests can wait for them with a deadline.
final class EventRecorder: Sendable {
    private let events = Mutex<[PostgresListenerEvent]>([])
    private let finished = Atomic<Bool>(false)

    init(_ stream: AsyncStream<PostgresListenerEvent>) {
        Task {
            for await event in stream { self.events.withLock { $0.append(event) } }
            self.finished.store(true, ordering: .releasing)
        }
    }

    var all: [PostgresListenerEvent] { self.events.withLock { $0 } }

    var payloads: [String] {
        self.all.compactMap { if case .notification(let notification) = $0 { notification.payload } else { nil } }
    }

    /// Waits until at least `count` recorded events match `predicate`.
    func waitFor(
        count: Int,
        timeout: Duration = .seconds(10),
        _ predicate: (PostgresListenerEvent) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while self.all.filter(predicate).count < count {
            guard ContinuousClock.now < deadline else {
                throw TestSetupError("expected \(count) matching listener events within \(timeout), got \(self.all)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func waitUntilFinished(timeout: Duration = .seconds(2)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !self.finished.load(ordering: .acquiring) {
            guard ContinuousClock.now < deadline else { throw TestSetupError("listener stream did not end within \(timeout)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
