/// How a consumer's handler settles one delivery.
public enum AMQPDisposition: Sendable {
    /// Done: remove it from the queue.
    case ack
    /// Failed for good: reject without requeue, so the queue dead-letters it.
    case reject
    /// Failed for now: put it back with an individual `basic.reject(requeue: true)`, which counts
    /// toward a quorum queue's `x-delivery-limit` (a `nack` does not from RabbitMQ 4.3 on).
    case requeue
}
