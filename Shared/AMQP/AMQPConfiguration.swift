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
public struct AMQPConfiguration: Sendable {
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
    /// Heartbeat interval negotiated with the broker, in seconds (0 disables heartbeats).
    public var heartbeat: Int
    /// Shown in the broker's management UI as the connection's name.
    public var connectionName: String
    /// How long to wait for the TCP (and TLS) connection to open.
    public var connectTimeout: Duration = .seconds(10)
    /// How long to wait for the broker's reply to a synchronous method (declare, bind, qos...).
    public var rpcTimeout: Duration = .seconds(30)

    /// Parses `amqp[s]://user:pass@host:port/vhost`.
    ///
    /// User, password and vhost are percent-decoded; a missing user or password is `guest`, a missing
    /// vhost is `/`. Throws an ``AMQPError`` for any other scheme or a malformed URL.
    public init(url: String, heartbeat: Int = 30, connectionName: String = "hotline") throws {
        self.heartbeat = heartbeat
        self.connectionName = connectionName
        let rest: Substring
        if url.hasPrefix("amqps://") {
            self.useTLS = true
            rest = url.dropFirst("amqps://".count)
        } else if url.hasPrefix("amqp://") {
            self.useTLS = false
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
        var port = self.useTLS ? 5671 : 5672
        if let portText, !portText.isEmpty {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw AMQPError("AMQP URL has an invalid port: \(Self.redacted(url))")
            }
            port = value
        }
        self.host = String(host)
        self.port = port
        self.user = user
        self.password = password
        self.vhost = path.isEmpty ? "/" : try Self.decode(path, url: url)
        self.caCertificatePath = nil
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "cacertfile": self.caCertificatePath = try Self.decode(parts[1], url: url)
            case "heartbeat": if let value = Int(parts[1]) { self.heartbeat = value }
            default: break
            }
        }
    }

    /// The URL with its password replaced by `***`, for logs.
    public var redactedDescription: String {
        let vhost = self.vhost.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? self.vhost
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(self.useTLS ? "amqps" : "amqp")://\(self.user):***@\(host):\(self.port)/\(vhost)"
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
