import Postgres

extension PostgresPool {
    /// Runs `body` in a read-only transaction: a replica refuses writes anyway, and the primary
    /// then refuses them too, so a read path that starts writing fails in every test, not only
    /// on a replica.
    func readOnly<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await self.transaction { connection in
            try connection.execute("SET TRANSACTION READ ONLY")
            return try body(connection)
        }
    }
}
