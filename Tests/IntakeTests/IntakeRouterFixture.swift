import AMQP
import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import ServiceSupport
import TestSupport
import Testing

@testable import Intake

/// Intake's router on the in-memory repositories, with keys of every role: what a router test
/// needs and nothing that runs (no database, no broker: every area is on its in-memory twin).
struct IntakeRouterFixture {
    /// The keys table.
    let keys = InMemoryKeyRepository()
    /// Tickets and tasks.
    let cases = InMemoryCases()
    /// The knowledge base.
    let knowledge = InMemoryKnowledgeRepository()
    /// Statistics, rankings and reports: the figures a test sets.
    let statistics = InMemoryStatistics()
    /// The big screen's figures a test sets.
    let screen = InMemoryScreen()
    /// The console's counts (over `cases`) and messages.
    let console: InMemoryConsole
    /// The households registry.
    let households: InMemoryHouseholds
    /// 每月一题.
    let topics = InMemoryTopicRepository(timeZone: WorkingCalendar.chinaTimeZone)
    /// Volunteers and their ledger.
    let volunteers = InMemoryVolunteerRepository()
    /// One-key broadcasts.
    let broadcasts = InMemoryBroadcasts()
    /// Photos on the tickets of ``cases``.
    let photos: InMemoryAttachments
    /// Open311 on the tickets of ``cases``.
    let open311: InMemoryOpen311
    /// The routes.
    let router: Hummingbird.Router<BasicRequestContext>

    /// The test jurisdiction (``JurisdictionSnapshot/testFixture``).
    static let snapshot = JurisdictionSnapshot.testFixture

    /// A broker address nothing listens on (the event streams are never started here).
    static let nowhere = try! AMQPConfiguration(url: "amqp://guest:guest@127.0.0.1:1/", connectionName: "intake-router-tests")

    init() {
        let logger = Logger(label: "intake-router-tests")
        self.console = InMemoryConsole(cases: self.cases)
        self.households = InMemoryHouseholds(cases: self.cases, timeZone: WorkingCalendar.chinaTimeZone)
        (self.photos, self.open311) = (InMemoryAttachments(cases: self.cases), InMemoryOpen311(cases: self.cases))
        let dependencies = IntakeDependencies(
            keys: self.keys, tickets: self.cases, tasks: self.cases, answers: InMemoryAnswerRepository(), knowledge: self.knowledge,
            jurisdiction: FixedJurisdiction(Self.snapshot),
            topics: self.topics, volunteers: self.volunteers, attachments: PostgresAttachmentStorage(),
            live: LiveEvents(configuration: Self.nowhere, logger: logger),
            statistics: self.statistics, screen: self.screen, console: self.console,
            replay: InMemoryJurisdictionReplay(current: Self.snapshot, timeZone: WorkingCalendar.chinaTimeZone),
            supervision: InMemorySupervision(cases: self.cases), households: self.households,
            broadcasts: self.broadcasts, summons: InMemorySummons(cases: self.cases), photos: self.photos, open311: self.open311
        )
        self.router = buildRouter(
            dependencies, options: IntakeOptions(), readiness: Readiness(), registry: PrometheusCollectorRegistry(), logger: logger
        )
    }

    /// A new key of `role` (scoped as given); answers its secret.
    func key(_ role: Role, department: String? = nil, grid: String? = nil, community: String? = nil, revoked: Bool = false) async throws -> String {
        let secret = "hk_test_" + UUID().uuidString
        try await self.keys.insert(
            StoredKey(
                id: UUID().uuidString.lowercased(), name: "测试\(role.rawValue)", role: role.rawValue, department: department, grid: grid,
                community: community, revokedAt: revoked ? Date() : nil, keyHash: APIKeys.digest(secret)
            )
        )
        return secret
    }

    /// Runs `body` against the router.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: self.router).test(.router, body)
    }

    /// A ticket already routed in grid `620402001`, status `assigned`: to `department` (lead), or
    /// with none to the community (the grid worker's and secretary's task).
    func assignedTicket(department: String? = "CG") async throws -> Ticket {
        try await self.cases.routedTicket(handler: department == nil ? "community" : "department", lead: department.map { ($0, "城管") })
    }
}

extension TestClientProtocol {
    /// A request with `key` as bearer and `json` as body; answers the status and the JSON body.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, key: String? = nil, json: Any? = nil, headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any], headers: HTTPFields) {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        let response = try await self.execute(uri: uri, method: method, headers: headers, body: body)
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
        return (response.status, object, response.headers)
    }
}

extension TestClientProtocol {
    /// Expects `method uri` (with `key` and `json`) to answer `status`.
    func expect(
        _ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ uri: String, key: String? = nil, json: Any? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let answer = try await self.call(method, uri, key: key, json: json)
        #expect(answer.status == status, "\(method) \(uri)", sourceLocation: sourceLocation)
    }
}

/// The `fields` of an error answer, by name.
func errorFields(_ json: [String: Any]) -> Set<String> {
    let fields = ((json["error"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
    return Set(fields.compactMap { $0["field"] as? String })
}

/// The `code` of an error answer.
func errorCode(_ json: [String: Any]) -> String? {
    (json["error"] as? [String: Any])?["code"] as? String
}
