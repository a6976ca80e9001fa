import Dispatch
import Logging
import Postgres

/// Who relays for a database: the one session holding a PostgreSQL advisory lock.
///
/// Every service runs a relay; only the holder of the lock publishes, the others wait to take
/// over. The lock lives on a connection of its own, never one of the pool's, so it is held
/// exactly as long as that session lives: a killed process or a lost connection frees it.
/// Correctness does not rest on the lock (a relay that lost it without noticing publishes
/// copies, which consumers drop, and the cursor only moves forward); it keeps one relay busy
/// instead of three racing.
final class RelayLeadership: @unchecked Sendable {
    // @unchecked: `connection` is touched only on `queue`, one call at a time.
    private let queue = DispatchQueue(label: "hotline.outbox.leadership")
    private var connection: PostgresConnection?
    private let url: String
    private let logger: Logger

    /// The advisory lock key of the relay (any constant every service shares).
    static let lockKey: Int64 = 0x686F_746C_696E_6502

    init(url: String, logger: Logger) {
        self.url = url
        self.logger = logger
    }

    /// Takes the lock if it is free; true while this session holds it (checked with a round
    /// trip, so a dead session is noticed and the lock sought again).
    func hold() async -> Bool {
        await withCheckedContinuation { continuation in
            self.queue.async {
                continuation.resume(returning: self.holdNow())
            }
        }
    }

    /// Lets the lock go (graceful shutdown), so another relay takes over at once.
    func release() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            self.queue.async {
                self.connection?.close()
                self.connection = nil
                continuation.resume()
            }
        }
    }

    private var isHeld = false

    private func holdNow() -> Bool {
        do {
            if let connection = self.connection, connection.isConnected, self.isHeld {
                _ = try connection.query("SELECT 1")
                return true
            }
            if self.connection == nil || self.connection?.isConnected == false {
                self.connection?.close()
                self.connection = try PostgresConnection(url: self.url, applicationName: "outbox relay leader", logger: self.logger)
                self.isHeld = false
            }
            let row = try self.connection!.query("SELECT pg_try_advisory_lock($1) AS held", [Self.lockKey])
            self.isHeld = try row.first?.decode("held", as: Bool.self) == true
            if self.isHeld { self.logger.info("this process relays the outbox") }
            return self.isHeld
        } catch {
            self.connection?.close()
            self.connection = nil
            self.isHeld = false
            return false
        }
    }
}
