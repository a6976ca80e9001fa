/// A failure reported by the broker or by the client library.
///
/// `isConnectionError` tells whether the connection is unusable afterwards (socket closed, heartbeat
/// missed, connection.close from the broker, timeout waiting for confirms): the owner should drop
/// it and reconnect. Channel-level failures (a declare with different arguments, a nack, a
/// returned message) leave the connection usable.
public struct AMQPError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in words.
    public var message: String
    /// Whether the connection must be dropped and opened again.
    public var isConnectionError: Bool
    /// The reply code of a channel.close or connection.close from the broker (e.g. 404, 406, 320).
    public var replyCode: UInt16?
    /// The reply text that came with ``replyCode``.
    public var replyText: String?
    /// For `publishConfirmed`: indexes (into the batch) of messages that were nacked, returned or
    /// not confirmed in time. Empty for other errors.
    public var failedIndices: [Int]
    /// For `publishConfirmed`: indexes of the mandatory messages the broker returned as
    /// unroutable (no queue bound for them; reply 312 NO_ROUTE), a subset of `failedIndices`.
    public var returnedIndices: [Int] = []
    /// For `publishConfirmed`: whether the broker nacked any of the batch (as opposed to
    /// returning it as unroutable or leaving it unconfirmed).
    public var nackedByBroker = false

    /// Makes an error; `isConnectionError` defaults to false.
    public init(
        _ message: String,
        isConnectionError: Bool = false,
        replyCode: UInt16? = nil,
        replyText: String? = nil,
        failedIndices: [Int] = []
    ) {
        self.message = message
        self.isConnectionError = isConnectionError
        self.replyCode = replyCode
        self.replyText = replyText
        self.failedIndices = failedIndices
    }

    /// The message, followed by the broker's code and text when there are any.
    public var description: String {
        var text = "AMQPError: \(self.message)"
        if let replyCode { text += " (\(replyCode)\(self.replyText.map { " \($0)" } ?? ""))" }
        if self.isConnectionError { text += " [connection]" }
        return text
    }
}
