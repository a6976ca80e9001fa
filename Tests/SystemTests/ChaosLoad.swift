import Foundation

/// Tickets posted to intake at a steady rate while something breaks, and what each request got.
///
/// The tickets mix categories so that they go to different handlers: a lead department, a lead
/// with an assisting one, the community, the community party secretary. Each carries a unique
/// `externalId`, so that a refused request can be looked for in the database afterwards.
final class ChaosLoad: @unchecked Sendable {  // mutable fields guarded by `lock`
    /// The requests once the load has stopped.
    struct Result {
        /// Ids of the tickets whose POST answered 201.
        var accepted: [String]
        /// How many requests got each other status (0: no answer, e.g. intake was down).
        var refused: [Int: Int]
        /// `externalId`s of the requests answered 503.
        var unavailableExternalIds: [String]

        var refusedCount: Int { self.refused.values.reduce(0, +) }
        var refusedSummary: String {
            self.refused.isEmpty ? "none" : self.refused.sorted { $0.key < $1.key }.map { "\($0.value)×\($0.key == 0 ? "no answer" : String($0.key))" }.joined(separator: ", ")
        }
    }

    /// Tickets per second: `CHAOS_RATE`, else 25 (the debug builds of `make test` on two shared cores).
    static let defaultRate = Double(ProcessInfo.processInfo.environment["CHAOS_RATE"] ?? "") ?? 25

    /// Descriptions that the demo catalog classifies into differently handled categories.
    static let descriptions = [
        "门前三盏路灯不亮，晚上行人看不清路",  // streetlight: CG
        "小区下水道堵了，污水外溢到人行道",  // sewer_blocked: ZJ lead, CG assists
        "楼下广场舞噪音扰民到深夜十一点",  // noise: HB
        "邻里纠纷，楼上楼下邻居吵架好几天了",  // neighbour_dispute: the community
        "小区围墙倒塌，砸坏了两辆自行车",  // wall_collapse: the party secretary
        "路边垃圾桶满了好几天没人清运",  // garbage: CG
    ]

    private let lock = NSLock()
    private var running = true
    private var accepted: [String] = []
    private var refused: [Int: Int] = [:]
    private var unavailable: [String] = []
    private var driver: Task<Void, Never>?

    /// Posts at `rate` tickets/s while `fault` runs, then stops (also when `fault` throws) and
    /// answers what the requests got.
    static func during(
        _ stack: Stack, rate: Double = ChaosLoad.defaultRate, _ fault: (ChaosLoad) async throws -> Void
    ) async throws -> Result {
        let load = ChaosLoad()
        load.driver = Task { await load.run(stack, rate: rate) }
        do {
            try await fault(load)
        } catch {
            _ = await load.stop()
            throw error
        }
        return await load.stop()
    }

    /// Stops posting, waits for the request in flight, and answers what happened.
    private func stop() async -> Result {
        let driver = self.lock.withLock {
            self.running = false
            return self.driver
        }
        await driver?.value
        return self.lock.withLock { Result(accepted: self.accepted, refused: self.refused, unavailableExternalIds: self.unavailable) }
    }

    /// How many POSTs have answered 201 so far.
    var acceptedSoFar: Int { self.lock.withLock { self.accepted.count } }

    /// The tickets accepted so far.
    var acceptedIds: [String] { self.lock.withLock { self.accepted } }

    private func run(_ stack: Stack, rate: Double) async {
        var sent = 0
        while self.lock.withLock({ self.running }) {
            let started = Date()
            let externalId = "chaos-\(UUID().uuidString.lowercased())"
            let description = Self.descriptions[sent % Self.descriptions.count]
            sent += 1
            let response = try? await stack.createTicket(demoTicket(description, extra: ["externalId": externalId]))
            self.lock.withLock {
                switch response {
                case let (201, created)? where created["id"] is String:
                    self.accepted.append(created["id"] as! String)
                case let (status, _)?:
                    self.refused[status, default: 0] += 1
                    if status == 503 { self.unavailable.append(externalId) }
                case nil:
                    self.refused[0, default: 0] += 1
                }
            }
            let pause = 1 / rate - Date().timeIntervalSince(started)
            if pause > 0 { try? await Task.sleep(for: .milliseconds(Int(pause * 1000))) }
        }
    }
}
