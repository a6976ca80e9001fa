/// What ``PostgresListener/notifications()`` yields.
public enum PostgresListenerEvent: Sendable, Equatable {
    /// A notification arrived.
    case notification(PostgresNotification)
    /// `LISTEN` is (again) in place after a (re)connect — also the first time. Notifications sent
    /// while it was not may be lost: re-read the state you follow.
    case reconnected
}
