/// How a consumer's handler settles one delivery.
public enum AMQPDisposition: Sendable {
    /// Done: remove it from the queue.
    case ack
    /// Failed for good: reject without requeue, so the queue dead-letters it.
    case reject
    /// Failed for now: put it back (counts toward a quorum queue's `x-delivery-limit`).
    case requeue
}
