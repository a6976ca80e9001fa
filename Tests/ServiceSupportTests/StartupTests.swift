import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import ServiceSupport
import Synchronization
import Testing

/// The start-up inside the service group: the others wait for it, a failure ends the group with
/// its error, a shutdown asked while it works ends the group cleanly, and `/readyz`'s `startup`
/// check turns true only once it is done, even when the start-up's work is blocked where
/// cancellation does not reach. No stack needed.
@Suite struct StartupTests {
    let logger = Logger(label: "startup-tests")

    /// A service that records that it ran, then stays up until the group stops.
    final class Recorder: Service, Sendable {
        private let ran = Atomic<Bool>(false)
        var didRun: Bool { self.ran.load(ordering: .sequentiallyConsistent) }
        func run() async throws {
            self.ran.store(true, ordering: .sequentiallyConsistent)
            try? await gracefulShutdown()
        }
    }

    /// A start-up's work that waits until the test opens it, deaf to cancellation (as a
    /// blocking connect or a lock wait is).
    final class Latch: Sendable {
        private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
        func open() {
            let waiters = self.state.withLock { state in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        func wait() async {
            await withCheckedContinuation { continuation in
                let open = self.state.withLock { state in
                    if !state.open { state.waiters.append(continuation) }
                    return state.open
                }
                if open { continuation.resume() }
            }
        }
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "database unreachable" }
    }

    func group(_ startup: Startup, _ services: [any Service]) -> ServiceGroup {
        ServiceGroup(
            configuration: .init(services: [startup] + services.map { AfterStartup($0, after: startup) }, logger: self.logger)
        )
    }

    /// Polls `condition` for up to 10 s.
    func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<1000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        return condition()
    }

    @Test func servicesRunOnlyOnceTheStartupIsDone() async throws {
        let latch = Latch()
        let startup = Startup(service: "test", logger: self.logger) { await latch.wait() }
        let recorder = Recorder()
        let readiness = Readiness()
        readiness.add("startup") { startup.isStarted }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await self.group(startup, [recorder]).run() }
                try await Task.sleep(for: .milliseconds(200))
                #expect(!recorder.didRun, "a service ran before the start-up was done")
                #expect(await readiness.failing() == ["startup"])
                latch.open()
                #expect(try await self.eventually { recorder.didRun })
                #expect(await readiness.failing().isEmpty)
                trigger.triggerGracefulShutdown()
                try await tasks.next()
            }
        }
    }

    @Test func aFailingStartEndsTheGroupWithItsError() async throws {
        let startup = Startup(service: "test", logger: self.logger) {
            try await Task.sleep(for: .milliseconds(50))
            throw Unreachable()
        }
        let recorder = Recorder()
        await #expect(throws: Unreachable.self) { try await self.group(startup, [recorder, Recorder()]).run() }
        #expect(!recorder.didRun)
        #expect(!startup.isStarted)
    }

    @Test(.timeLimit(.minutes(1))) func aShutdownDuringTheStartupEndsTheGroupCleanly() async throws {
        let latch = Latch()
        let startup = Startup(service: "test", logger: self.logger) { await latch.wait() }
        let recorder = Recorder()
        let clock = ContinuousClock()
        let took = try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await self.group(startup, [recorder]).run() }
                try await Task.sleep(for: .milliseconds(200))
                let asked = clock.now
                trigger.triggerGracefulShutdown()
                // Returns without an error although the start-up never finished.
                try await tasks.next()
                return clock.now - asked
            }
        }
        // The latch never opens before the group ends, so returning at all is the proof; the bound
        // only says "not stuck": parallel suites on two cores delay continuations by seconds.
        #expect(took < .seconds(30))
        #expect(!recorder.didRun, "a service ran although the start-up never finished")
        #expect(!startup.isStarted)
        latch.open()
    }
}
