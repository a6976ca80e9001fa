import Logging
import Postgres

extension Infrastructure {
    /// The pool that read-only aggregates use: a pool on `DATABASE_READ_URL` (a streaming
    /// replica) when it is set, with the same statement and acquire bounds as the service's own
    /// pool, else the service's own pool. A replica lags the primary by its replay delay
    /// (milliseconds on a healthy link), which statistics, the big screen and reports accept;
    /// nothing that decides a ticket's fate reads from it.
    public func readPool(
        settings: HotlineSettings, size: Int, statementTimeout: Duration? = nil, acquireTimeout: Duration? = nil,
        logger: Logger
    ) -> PostgresPool {
        guard let url = settings.databaseReadURL else { return self.pool }
        return PostgresPool(
            url: Self.url(url, statementTimeout: statementTimeout), size: size, applicationName: "hotline-read",
            acquireTimeout: acquireTimeout, preparing: settings.preparing, logger: logger
        )
    }

    /// `url` with PostgreSQL's `statement_timeout` set for every session opened on it.
    static func url(_ url: String, statementTimeout: Duration?) -> String {
        guard let statementTimeout else { return url }
        let milliseconds = statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000
        return url + (url.contains("?") ? "&" : "?") + "options=-c%20statement_timeout%3D\(milliseconds)"
    }
}
