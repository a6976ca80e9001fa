extension PostgresConnection {
    /// Lets the open transaction's `COMMIT` return before its WAL reaches the disk
    /// (`SET LOCAL synchronous_commit = off`): after a crash of the server the last few hundred
    /// milliseconds of such commits may be lost, never half of one, and never a synchronous
    /// commit made after them. Only for bookkeeping that message ids make idempotent, where a
    /// lost write costs a repeat that is recognised as one (a `published` mark whose loss
    /// republishes an event consumers deduplicate by `message_id`). Never for a write that
    /// answers a caller (a 201) or precedes an acknowledgement to the broker: see
    /// docs/durability.md. Lasts until the transaction ends.
    public func relaxCommitDurability() throws {
        try self.execute("SET LOCAL synchronous_commit = off")
    }
}
