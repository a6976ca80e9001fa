import HTTPTypes
import NIOHTTPTypes
import NIOCore

/// Writes the TCP peer's address into the request head as `X-Hotline-Peer` (replacing whatever
/// a client sent under that name), so middleware can limit per client address without a custom
/// request context.
final class PeerAddressHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// The header the peer's address travels in.
    static let header = HTTPField.Name("X-Hotline-Peer")!

    init() {}

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var part = self.unwrapInboundIn(data)
        if case .head(var head) = part {
            head.headerFields[Self.header] = context.channel.remoteAddress?.ipAddress ?? "unknown"
            part = .head(head)
        }
        context.fireChannelRead(self.wrapInboundOut(part))
    }
}
