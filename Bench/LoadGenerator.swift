import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts tickets to intake over HTTP, either at a target rate or as fast as `concurrency`
/// connections allow, for a fixed time.
struct LoadGenerator: Sendable {
    let client: HTTPClient
    let intakeURL: String
    let key: String
    let factory: TicketFactory
    let recorder: Recorder

    /// Posts one ticket and records its send and answer times.
    func post() async {
        let body = try! JSONSerialization.data(withJSONObject: self.factory.make())
        var request = HTTPClientRequest(url: self.intakeURL + "/v1/tickets")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(self.key)")
        request.body = .bytes(ByteBuffer(bytes: body))
        let sent = BenchClock.now()
        do {
            let response = try await self.client.execute(request, timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            let answered = BenchClock.now()
            guard response.status == .created,
                let json = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any],
                let number = json["number"] as? String, let id = json["id"] as? String
            else { return self.recorder.httpError() }
            self.recorder.posted(number: number, id: id, sentAt: sent, answeredAt: answered)
        } catch {
            self.recorder.httpError()
        }
    }

    /// `rate` tickets per second for `seconds`, with at most `concurrency` in flight.
    func run(rate: Double, seconds: Double, concurrency: Int) async {
        let total = Int(rate * seconds)
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for n in 0..<total {
                let due = start + .microseconds(Int64(Double(n) / rate * 1_000_000))
                if due > ContinuousClock.now { try? await Task.sleep(until: due, clock: .continuous) }
                if inFlight >= concurrency {
                    await group.next()
                    inFlight -= 1
                }
                group.addTask { await self.post() }
                inFlight += 1
            }
        }
    }

    /// As fast as `concurrency` loops can post, for `seconds`.
    func runFlatOut(seconds: Double, concurrency: Int) async {
        let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    while ContinuousClock.now < end { await self.post() }
                }
            }
        }
    }
}
