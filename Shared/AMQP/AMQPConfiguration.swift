import Foundation

/// Where and how to reach a broker, parsed from an AMQP URI.
///
/// ```swift
/// let config = try AMQPConfiguration(url: "amqp://guest:guest@127.0.0.1:5672/%2f")
/// // host "127.0.0.1", port 5672, vhost "/", useTLS false
/// ```
///
/// `amqps://` selects TLS (port 5671 by default) with peer and hostname verification; set
/// ``caCertificatePath`` to trust a private CA (PEM file), or pass `?cacertfile=/path` in the URL.
///
/// The nodes of a cluster are given as a comma-separated list of URLs; a connection tries them in
/// turn (see ``brokers``):
/// ```swift
/// let cluster = try AMQPConfiguration(url: "amqp://app:pw@10.0.0.1/prod,amqp://app:pw@10.0.0.2/prod")
/// // brokers.count 2; host "10.0.0.1" (the first)
/// ```
public struct AMQPConfiguration: Sendable {
    /// One broker (one node of a cluster): where it is and how to log in there.
    public struct Broker: Sendable, Equatable {
        /// Broker host name or IP address.
        public var host: String
        /// Broker port: 5672 for `amqp://`, 5671 for `amqps://` unless the URL names one.
        public var port: Int
        /// User name for SASL PLAIN.
        public var user: String
        /// Password for SASL PLAIN.
        public var password: String
        /// Virtual host, percent-decoded (`%2f` is `/`).
        public var vhost: String
        /// Whether the connection uses TLS (`amqps://`).
        public var useTLS: Bool
        /// PEM file of the CA that signed the broker's certificate; the system store when nil.
        public var caCertificatePath: String?

        /// A broker given field by field rather than by URL.
        public init(
            host: String, port: Int = 5672, user: String = "guest", password: String = "guest", vhost: String = "/",
            useTLS: Bool = false, caCertificatePath: String? = nil
        ) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.vhost = vhost
            self.useTLS = useTLS
            self.caCertificatePath = caCertificatePath
        }

        /// The broker's URL with the password replaced by `***`, for logs.
        public var redactedDescription: String {
            let vhost = self.vhost.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? self.vhost
            let host = self.host.contains(":") ? "[\(self.host)]" : self.host
            return "\(self.useTLS ? "amqps" : "amqp")://\(self.user):***@\(host):\(self.port)/\(vhost)"
        }
    }

    /// The brokers to connect to, in the order given; never empty. A single URL gives one. A
    /// connection takes the first that answers; ``AMQPConsumer`` and ``AMQPPublisher`` start each
    /// reconnect with the broker after the one they lost, so a node that went away is tried last.
    public var brokers: [Broker]
    /// Heartbeat interval negotiated with the broker, in seconds (0 disables heartbeats).
    public var heartbeat: Int
    /// Shown in the broker's management UI as the connection's name.
    public var connectionName: String
    /// How long to wait for the TCP (and TLS) connection to open, per broker tried.
    public var connectTimeout: Duration = .seconds(10)
    /// How long to wait for the broker's reply to a synchronous method (declare, bind, qos...).
    public var rpcTimeout: Duration = .seconds(30)

    /// The first broker's host.
    public var host: String {
        get { self.brokers[0].host }
        set { self.brokers[0].host = newValue }
    }
    /// The first broker's port.
    public var port: Int {
        get { self.brokers[0].port }
        set { self.brokers[0].port = newValue }
    }
    /// The first broker's user.
    public var user: String {
        get { self.brokers[0].user }
        set { self.brokers[0].user = newValue }
    }
    /// The first broker's password.
    public var password: String {
        get { self.brokers[0].password }
        set { self.brokers[0].password = newValue }
    }
    /// The first broker's virtual host.
    public var vhost: String {
        get { self.brokers[0].vhost }
        set { self.brokers[0].vhost = newValue }
    }
    /// Whether the first broker is reached over TLS.
    public var useTLS: Bool {
        get { self.brokers[0].useTLS }
        set { self.brokers[0].useTLS = newValue }
    }
    /// The first broker's CA file.
    public var caCertificatePath: String? {
        get { self.brokers[0].caCertificatePath }
        set { self.brokers[0].caCertificatePath = newValue }
    }

    /// Parses `amqp[s]://user:pass@host:port/vhost`, or several such URLs separated by commas
    /// (one per node of a cluster; each may have its own credentials, vhost and TLS settings).
    ///
    /// User, password and vhost are percent-decoded; a missing user or password is `guest`, a missing
    /// vhost is `/`. A comma followed by `amqp://` or `amqps://` starts the next URL, so a comma
    /// elsewhere (in a password, say) stays part of its URL. `?heartbeat=` is taken from the first
    /// URL. Throws an ``AMQPError`` for any other scheme or a malformed URL.
    public init(url: String, heartbeat: Int = 30, connectionName: String = "hotline") throws {
        self.heartbeat = heartbeat
        self.connectionName = connectionName
        self.brokers = []
        for (index, text) in Self.split(url).enumerated() {
            let (broker, query) = try Self.parse(text)
            self.brokers.append(broker)
            if index == 0, let value = query["heartbeat"].flatMap({ Int($0) }) { self.heartbeat = value }
        }
    }

    /// The URLs with their passwords replaced by `***`, comma-separated, for logs.
    public var redactedDescription: String {
        self.brokers.map(\.redactedDescription).joined(separator: ",")
    }

    /// Splits a list at each comma that starts another AMQP URL.
    private static func split(_ list: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(list)
        while let comma = rest.firstIndex(of: ",") {
            let after = rest[rest.index(after: comma)...].drop { $0 == " " }
            current += rest[..<comma]
            if after.hasPrefix("amqp://") || after.hasPrefix("amqps://") {
                parts.append(current)
                current = ""
                rest = after
            } else {
                current += ","
                rest = rest[rest.index(after: comma)...]
            }
        }
        parts.append(current + rest)
        return parts
    }

    /// One URL: the broker and the query parameters.
    private static func parse(_ url: String) throws -> (Broker, [Substring: Substring]) {
        let useTLS: Bool
        let rest: Substring
        if url.hasPrefix("amqps://") {
            useTLS = true
            rest = url.dropFirst("amqps://".count)
        } else if url.hasPrefix("amqp://") {
            useTLS = false
            rest = url.dropFirst("amqp://".count)
        } else {
            throw AMQPError("AMQP URL must start with amqp:// or amqps://: \(Self.redacted(url))")
        }
        var authority = rest
        var path: Substring = ""
        var query: Substring = ""
        if let q = authority.firstIndex(of: "?") {
            query = authority[authority.index(after: q)...]
            authority = authority[..<q]
        }
        if let slash = authority.firstIndex(of: "/") {
            path = authority[authority.index(after: slash)...]
            authority = authority[..<slash]
        }
        var user = "guest"
        var password = "guest"
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], url: url)
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], url: url)
            } else {
                user = try Self.decode(userInfo, url: url)
            }
        }
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw AMQPError("AMQP URL has an unterminated IPv6 address: \(Self.redacted(url))")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw AMQPError("AMQP URL has no host: \(Self.redacted(url))") }
        var port = useTLS ? 5671 : 5672
        if let portText, !portText.isEmpty {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw AMQPError("AMQP URL has an invalid port: \(Self.redacted(url))")
            }
            port = value
        }
        var parameters: [Substring: Substring] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            parameters[parts[0]] = parts[1]
        }
        let broker = Broker(
            host: String(host), port: port, user: user, password: password,
            vhost: path.isEmpty ? "/" : try Self.decode(path, url: url), useTLS: useTLS,
            caCertificatePath: try parameters["cacertfile"].map { try Self.decode($0, url: url) }
        )
        return (broker, parameters)
    }

    private static func decode(_ text: Substring, url: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw AMQPError("AMQP URL has invalid percent-encoding: \(redacted(url))")
        }
        return decoded
    }

    private static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://") else { return url }
        return String(url[..<scheme.upperBound]) + "***" + String(url[at...])
    }
}
