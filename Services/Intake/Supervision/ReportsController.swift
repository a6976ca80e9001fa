import CaseStore
import Charts
import Foundation
import HotlineDomain
import Hummingbird

/// `GET /v1/reports/daily?date=YYYY-MM-DD` and `GET /v1/reports/monthly?month=YYYY-MM`
/// (CONTRACTS section 11): a printable Chinese HTML page whose charts are inline SVG (drawn by
/// the `Charts` module, no script), or with `&format=csv` the same figures as CSV (UTF-8 with a
/// BOM, for Excel). Periods are local days and months of the business time zone.
struct ReportsController: Sendable {
    /// Who calls, and with which role.
    let auth: Authenticator
    /// The current jurisdiction.
    let jurisdiction: any JurisdictionSource
    /// Where the figures are read (a replica when configured).
    let statistics: any StatisticsReader
    /// The business time zone: local days and months.
    let timeZone: TimeZone

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/reports/daily") { request, _ in try await self.report(request, kind: "daily") }
        router.get("v1/reports/monthly") { request, _ in try await self.report(request, kind: "monthly") }
    }

    private func report(_ request: Request, kind: String) async throws -> Response {
        _ = try await self.auth.require(request, [.operator_, .admin])
        let query = request.uri.queryParameters
        let zone = self.timeZone
        let format = query["format"].map(String.init) ?? "html"
        var errors: [APIError.FieldError] = []
        if format != "html" && format != "csv" { errors.append(.init(field: "format", message: "must be html or csv")) }
        let field = kind == "daily" ? "date" : "month"
        let text = query[Substring(field)].map(String.init)
        let period: (from: Date, to: Date, label: String)?
        if kind == "daily" {
            period = text.flatMap(LocalDate.init).map { ($0.startOfDay(in: zone), $0.adding(days: 1).startOfDay(in: zone), $0.text) }
        } else {
            period = text.flatMap { Self.month($0) }.map { first in
                let next = first.month == 12 ? LocalDate(year: first.year + 1, month: 1, day: 1) : LocalDate(year: first.year, month: first.month + 1, day: 1)
                return (first.startOfDay(in: zone), next.startOfDay(in: zone), String(format: "%04d-%02d", first.year, first.month))
            }
        }
        if period == nil { errors.append(.init(field: field, message: kind == "daily" ? "required: YYYY-MM-DD" : "required: YYYY-MM")) }
        guard errors.isEmpty, let period else { throw APIError.badRequest(errors) }
        let snapshot = try? await self.jurisdiction.snapshot()
        let weights = snapshot?.jurisdiction.catalog.weights ?? EvaluationWeights()
        let read = try await self.statistics.reportCounts(hourly: kind == "daily", from: period.from, to: period.to, zone: zone)
        let (made, counts) = ReportFigures.make(
            kind: kind, period: period.label, from: period.from, to: period.to, snapshot: snapshot, counts: read
        )
        var figures = made
        figures.streets = RankingTable.make(current: counts.current["street"] ?? [], previous: counts.previous["street"] ?? [], weights: weights)
        figures.departments = RankingTable.make(
            current: counts.current["department"] ?? [], previous: counts.previous["department"] ?? [], weights: weights
        )
        let name = "12345-\(kind == "daily" ? "日报" : "月报")-\(period.label)"
        if format == "csv" {
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"report-\(kind)-\(period.label).csv\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name).csv"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Array(ReportCSV.render(figures).utf8))))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let html = ReportHTML.render(figures, zone: zone)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Array(html.utf8))))
    }

    /// The first day of a `YYYY-MM` month.
    static func month(_ text: String) -> LocalDate? {
        LocalDate(text + "-01")
    }
}
