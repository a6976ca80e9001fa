import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The SMS gateway of the benchmark: accepts every message and timestamps it by kind.
struct SMSSink {
    let port: Int
    let recorder: Recorder

    func application(logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        let recorder = self.recorder
        router.post("sms") { request, _ -> HTTPResponse.Status in
            let at = BenchClock.now()
            let body = try await request.body.collect(upTo: 1 << 16)
            if let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] {
                recorder.sms(kind: json["kind"] as? String ?? "", number: json["ticketNumber"] as? String, at: at)
            }
            return .ok
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: self.port)), logger: logger)
    }
}
