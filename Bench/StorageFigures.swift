import Foundation
import Logging
import Postgres

/// What the storage does per ticket, and how the rate holds once the tables are big (issue 16,
/// points 2 and 5): row versions and index entries per ticket from `pg_stat_user_tables`
/// over the throughput phase, the fill, the rate after it, and table sizes.
struct StorageFigures {
    /// Cumulative row counters of one table (partitions summed under their table's name).
    struct Counters {
        var inserts: Int64 = 0
        var updates: Int64 = 0
        var hotUpdates: Int64 = 0
        var deletes: Int64 = 0
        /// Index entries written, estimated: inserts and non-HOT updates times the indexes of the
        /// partition they went to (partial indexes counted as if they took every row).
        var indexEntries: Int64 = 0
    }

    var before: [String: Counters] = [:]
    var after: [String: Counters] = [:]
    var ticketsMeasured = 0
    var fill: HistoryFill.Report?
    var throughputBeforeFill = 0.0
    var throughputAfterFill = 0.0
    var sizes: [String: (rows: Int64, mib: Double)] = [:]

    /// The counters now, by table (`outbox_history_p2026_11` counts as `outbox`).
    static func counters(_ url: String, _ logger: Logger) async throws -> [String: Counters] {
        let pool = PostgresPool(url: url, size: 1, logger: logger)
        defer { Task { await pool.shutdown() } }
        return try await pool.withConnection { connection in
            try connection.query("SELECT pg_stat_force_next_flush()")
            let rows = try connection.query(
                """
                SELECT regexp_replace(s.relname, '^(outbox|notifications)_.*$', '\\1') AS name,
                    sum(n_tup_ins)::bigint AS ins, sum(n_tup_upd)::bigint AS upd, sum(n_tup_hot_upd)::bigint AS hot, sum(n_tup_del)::bigint AS del,
                    sum((n_tup_ins + n_tup_upd - n_tup_hot_upd) * (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid))::bigint AS entries
                FROM pg_stat_user_tables s GROUP BY 1
                """
            )
            var out: [String: Counters] = [:]
            for row in rows {
                out[try row.decode("name", as: String.self)] = Counters(
                    inserts: try row.decode("ins", as: Int64.self), updates: try row.decode("upd", as: Int64.self),
                    hotUpdates: try row.decode("hot", as: Int64.self), deletes: try row.decode("del", as: Int64.self),
                    indexEntries: try row.decode("entries", as: Int64.self)
                )
            }
            return out
        }
    }

    /// Rows and total size (with indexes and TOAST) of the big tables.
    static func sizes(_ url: String, _ logger: Logger) async throws -> [String: (rows: Int64, mib: Double)] {
        let pool = PostgresPool(url: url, size: 1, logger: logger)
        defer { Task { await pool.shutdown() } }
        return try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT regexp_replace(c.relname, '^(outbox|notifications)_.*$', '\\1') AS name,
                    sum(c.reltuples)::bigint AS n, (sum(pg_total_relation_size(c.oid)) / 1048576.0)::float8 AS mib
                FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                WHERE ns.nspname = 'public' AND c.relkind = 'r'
                  AND regexp_replace(c.relname, '^(outbox|notifications)_.*$', '\\1') IN ('tickets', 'outbox', 'notifications', 'inbox')
                GROUP BY 1
                """
            )
            var out: [String: (rows: Int64, mib: Double)] = [:]
            for row in rows {
                out[try row.decode("name", as: String.self)] = (try row.decode("n", as: Int64.self), try row.decode("mib", as: Double.self))
            }
            return out
        }
    }

    /// The keys of `bench/results/latest.json` (CONTRACTS.md section 13: `fill_tickets`,
    /// `throughput_after_fill_tickets_per_s`) and the storage figures behind them.
    var json: [String: Any] {
        func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        var perTicket: [String: Any] = [:]
        let tickets = Double(max(1, self.ticketsMeasured))
        for (name, last) in self.after {
            let first = self.before[name] ?? Counters()
            let inserts = Double(last.inserts - first.inserts), updates = Double(last.updates - first.updates)
            let hot = Double(last.hotUpdates - first.hotUpdates), deletes = Double(last.deletes - first.deletes)
            guard inserts + updates + deletes > 0 else { continue }
            perTicket[name] = [
                "row_versions": round((inserts + updates) / tickets), "inserts": round(inserts / tickets),
                "updates": round(updates / tickets), "hot_updates": round(hot / tickets), "deletes": round(deletes / tickets),
                "index_entries_est": round(Double(last.indexEntries - first.indexEntries) / tickets),
            ]
        }
        var out: [String: Any] = [
            "storage": [
                "per_ticket_throughput_phase": perTicket,
                "tables_at_end": self.sizes.mapValues { ["rows": $0.rows, "total_mib": round($0.mib)] },
            ]
        ]
        if let fill = self.fill {
            out["fill_tickets"] = fill.tickets
            out["throughput_after_fill_tickets_per_s"] = (self.throughputAfterFill * 10).rounded() / 10
            out["fill"] = [
                "events": fill.events, "seconds": round(fill.seconds),
                "after_fill_fraction": round(self.throughputAfterFill / max(self.throughputBeforeFill, 1)),
            ]
        }
        return out
    }

    func print() {
        guard let fill = self.fill else { return }
        Swift.print("\n== after the fill ==")
        Swift.print("  filled \(fill.tickets) tickets, \(fill.events) events in \(Int(fill.seconds)) s")
        if self.throughputBeforeFill > 0 {
            Swift.print(
                "  sustained end to end: \(Int(self.throughputAfterFill)) tickets/s (\(Int(self.throughputAfterFill / max(self.throughputBeforeFill, 1) * 100)) % of the empty database's)"
            )
        }
        for (name, size) in self.sizes.sorted(by: { $0.key < $1.key }) {
            Swift.print("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(size.rows) rows, \(Int(size.mib)) MiB")
        }
    }
}
