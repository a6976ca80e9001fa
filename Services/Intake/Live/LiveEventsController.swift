import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres
import ServiceLifecycle

/// `GET /v1/events/stream`: the live events as Server-Sent Events, for the console and the big screen.
///
/// The page reads it with `fetch()` and an `Authorization` header (EventSource cannot send one,
/// and the key never goes into a URL). Each event is `id:`, `event: <type>` and `data: <LiveEvent
/// JSON>`; `event: resync` says events may have been missed (reload the snapshot); a comment line
/// every 15 s keeps the connection checked. A department key sees only its own tickets' events; a
/// `screen` key sees no event's free text. A revoked or expired key's stream ends within 5 s.
struct LiveEventsController: Sendable {
    let tickets: TicketsController
    let live: LiveEvents

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/events/stream") { request, _ in try await self.stream(request) }
    }

    private func stream(_ request: Request) async throws -> Response {
        let principal = try await self.tickets.auth.require(request, [.operator_, .admin, .department, .screen, .grid, .secretary])
        guard request.headers[.accept]?.contains("text/event-stream") == true else {
            throw APIError(status: .notAcceptable, code: "not_acceptable", message: "send Accept: text/event-stream")
        }
        let department = principal.role == .department ? (principal.department ?? "") : nil
        let party = principal.gridParty
        // A wall display gets counts and places only: no free text that might name someone.
        let aggregatesOnly = principal.role == .screen
        guard let messages = self.live.subscribe(keyId: principal.keyId)?.messages else {
            throw APIError(
                status: .tooManyRequests, code: "too_many_streams",
                message: "this key already holds \(LiveEvents.streamsPerKey) open event streams", headers: [.retryAfter: "15"]
            )
        }
        let (keys, secret) = (self.tickets.auth.keys, Authenticator.bearer(request) ?? "")
        let body = ResponseBody { writer in
            let encoder = HotlineJSON.encoder()
            // The consumer runs only while someone watches: this stream may just have started it.
            await self.live.waitUntilConsuming()
            try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
            // Ends with the server's graceful shutdown, so an open page never holds up a restart.
            loop: for await message in messages.cancelOnGracefulShutdown() {
                switch message {
                case .event(var event):
                    guard event.isVisible(to: department), party.map { event.isVisible(to: $0) } ?? true else { continue }
                    if aggregatesOnly { event.detail = nil }
                    let json = String(decoding: try encoder.encode(event), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(event.id)\nevent: \(event.type)\ndata: \(json)\n\n"))
                case .resync:
                    try await writer.write(ByteBuffer(string: "event: resync\ndata: {}\n\n"))
                case .heartbeat:
                    try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                case .check:
                    // A key revoked on another instance, or expired, ends its stream here too.
                    // A database outage is not a revocation: the stream stays open.
                    do {
                        if try await keys.principal(for: secret) == nil { break loop }
                    } catch {
                        continue
                    }
                }
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", .init("X-Accel-Buffering")!: "no"],
            body: body
        )
    }
}
