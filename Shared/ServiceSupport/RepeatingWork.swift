import Logging
import Outbox
import Resilience
import ServiceLifecycle

/// Work a service repeats every `interval` until graceful shutdown (deadline watch, daily
/// check-ins): a failed round is logged and retried with backoff, never fatal.
public enum RepeatingWork {
    public static func run(every interval: Duration, name: String, logger: Logger, _ round: @escaping @Sendable () async throws -> Void) async {
        await cancelWhenGracefulShutdown {
            var backoff = Backoff()
            while !Task.isCancelled {
                do {
                    try await round()
                    backoff.reset()
                    try await Task.sleep(for: interval)
                } catch {
                    if Task.isCancelled { return }
                    logger.warning("\(name) failed; will retry", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: backoff.next())
                }
            }
        }
    }
}
