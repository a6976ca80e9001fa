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
/// every 15 s keeps the connection checked. A department key sees only its own tickets' events.
struct LiveEventsController: Sendable {
    let tickets: TicketsController
    let live: LiveEvents

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/events/stream") { request, _ in try await self.stream(request) }
    }

    private func stream(_ request: Request) async throws -> Response {
        let principal = try await self.tickets.auth.require(request, [.operator_, .admin, .department])
        guard request.headers[.accept]?.contains("text/event-stream") == true else {
            throw APIError(status: .notAcceptable, code: "not_acceptable", message: "send Accept: text/event-stream")
        }
        let department = principal.role == .department ? (principal.department ?? "") : nil
        let messages = self.live.subscribe().messages
        let body = ResponseBody { writer in
            let encoder = HotlineJSON.encoder()
            try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
            // Ends with the server's graceful shutdown, so an open page never holds up a restart.
            for await message in messages.cancelOnGracefulShutdown() {
                switch message {
                case .event(let event):
                    guard event.isVisible(to: department) else { continue }
                    let json = String(decoding: try encoder.encode(event), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(event.id)\nevent: \(event.type)\ndata: \(json)\n\n"))
                case .resync:
                    try await writer.write(ByteBuffer(string: "event: resync\ndata: {}\n\n"))
                case .heartbeat:
                    try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
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
