import Foundation
import HotlineDomain
import Metrics
import Outbox
import Postgres

extension CaseStore {
    /// Buckets per cluster window: the window slides in steps of a twelfth of it.
    static let clusterBucketsPerWindow = 12

    /// Counts the batch's routed tickets (duplicates included) per category and grid, and
    /// returns the `ticket.cluster` alerts that crossing `policy.clusterSize` within the window
    /// raises: one per category and grid per window.
    ///
    /// The count is kept in `cluster_counts`, one row per category, grid and bucket (a twelfth
    /// of the window), upserted for the whole batch in one statement that also returns each
    /// pair's total over the window - O(1) per ticket, where reading the open tickets of the
    /// category in the grid grew with the backlog. It counts reports of the matter in the window,
    /// whatever became of them since. Only a crossing reads the tickets, to name them.
    func countClusters(
        _ plans: [RoutePlan], _ tickets: [Ticket], _ policy: CasePolicy, on connection: PostgresConnection
    ) throws -> [OutboxMessage] {
        guard policy.clusterSize > 1, policy.clusterWindow > 0 else { return [] }
        struct Pair: Hashable, Comparable {
            var category: String
            var grid: String
            static func < (a: Pair, b: Pair) -> Bool { (a.category, a.grid) < (b.category, b.grid) }
        }
        var counts: [Pair: Int] = [:]
        var about: [Pair: String] = [:]
        for plan in plans where plan.decision.outcome == .routed {
            guard let category = plan.decision.category, category != Category.wellbeingCheck, let grid = plan.decision.grid?.code else { continue }
            let pair = Pair(category: category, grid: grid)
            counts[pair, default: 0] += 1
            if plan.parent == nil || about[pair] == nil { about[pair] = plan.locked.ticket.id }
        }
        guard !counts.isEmpty else { return [] }
        // Sorted, so that batches running side by side lock the counter rows in one order.
        let pairs = counts.keys.sorted()
        let now = Date()
        let width = policy.clusterWindow / Double(Self.clusterBucketsPerWindow)
        let bucket = Int64(now.timeIntervalSince1970 / width)
        let since = now.addingTimeInterval(-policy.clusterWindow)
        let crossed = try connection.query(
            """
            WITH up AS (
                INSERT INTO cluster_counts AS c (category, grid, bucket, count)
                SELECT category, grid, $4, n FROM unnest($1::text[], $2::text[], $3::int[]) AS k(category, grid, n) ORDER BY 1, 2
                ON CONFLICT (category, grid, bucket) DO UPDATE SET count = c.count + excluded.count
                RETURNING c.category, c.grid, c.count
            )
            SELECT up.category, up.grid, total FROM up
            CROSS JOIN LATERAL (
                SELECT up.count + COALESCE(sum(o.count), 0)::int AS total FROM cluster_counts o
                WHERE o.category = up.category AND o.grid = up.grid AND o.bucket > $4 - $5 AND o.bucket < $4
            ) w
            WHERE total >= $6
              AND NOT EXISTS (SELECT 1 FROM cluster_alerts a WHERE a.category = up.category AND a.grid = up.grid AND a.raised_at >= $7)
            """,
            [
                pairs.map(\.category), pairs.map(\.grid), pairs.map { counts[$0] ?? 0 }, bucket, Int64(Self.clusterBucketsPerWindow),
                policy.clusterSize, since,
            ],
            plan: .generic
        )
        // Now and then, the buckets no window reaches any more go.
        if Int.random(in: 0..<500) == 0 {
            try connection.query("DELETE FROM cluster_counts WHERE bucket <= $1", [bucket - 2 * Int64(Self.clusterBucketsPerWindow)])
        }
        var alerts: [OutboxMessage] = []
        let byId = Dictionary(tickets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for row in crossed {
            let pair = Pair(category: try row.decode("category", as: String.self), grid: try row.decode("grid", as: String.self))
            let total = try row.decode("total", as: Int.self)
            let windowBucket = Int64(now.timeIntervalSince1970 / max(policy.clusterWindow, 1))
            let inserted = try connection.query(
                """
                INSERT INTO cluster_alerts (category, grid, ticket_count, bucket) VALUES ($1, $2, $3, $4)
                ON CONFLICT (category, grid, bucket) DO NOTHING RETURNING id
                """,
                [pair.category, pair.grid, total, windowBucket]
            )
            guard !inserted.isEmpty, let ticket = about[pair].flatMap({ byId[$0] }) else { continue }
            let numbers = try connection.query(
                """
                SELECT number FROM tickets WHERE grid = $2 AND created_at >= $3 AND category = $1
                  AND status IN ('assigned', 'accepted', 'duplicate') ORDER BY created_at LIMIT 100
                """,
                [pair.category, pair.grid, since]
            ).map { try $0.decode("number", as: String.self) }
            let grid = self.gridRef(of: plans, pair.grid)
            CaseMetrics.clusters.increment()
            alerts.append(
                try self.event(
                    .ticketCluster, ticket,
                    [
                        "category": .string(pair.category), "grid": .string(pair.grid), "street": .string(grid?.street.code ?? ""),
                        "count": .number(Double(total)), "tickets": .array(numbers.map { .string($0) }),
                        "notify": .string("street centre \(grid?.street.name ?? "")"),
                    ]
                )
            )
        }
        return alerts
    }

    private func gridRef(of plans: [RoutePlan], _ code: String) -> GridRef? {
        plans.lazy.compactMap(\.decision.grid).first { $0.code == code }
    }
}
