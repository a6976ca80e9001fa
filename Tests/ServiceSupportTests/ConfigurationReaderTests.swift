import Foundation
import Logging
import ServiceSupport
import Testing

/// The typed configurations read through swift-configuration: the defaults of before, a bad value
/// named with its variable, empty as unset, and no secret in an error or in the effective listing.
@Suite struct ConfigurationReaderTests {
    /// A reader of exactly `environment`.
    static func reader(_ environment: [String: String]) -> ConfigurationReader { ConfigurationReader(environment: environment) }

    @Test func defaultsAreThoseOfBefore() throws {
        let intake = try IntakeConfiguration(reader: Self.reader([:]))
        #expect(intake.databaseURL == "postgres://hotline@127.0.0.1:15432/hotline")
        #expect(intake.amqpURL == "amqp://guest:guest@127.0.0.1:5682/%2f")
        #expect(intake.logLevel == "info" && !intake.jsonLogs && intake.httpHost == "127.0.0.1")
        #expect(intake.intakePort == 8080 && intake.dispatcherPort == 8081 && intake.notifierPort == 8082)
        #expect(intake.timeZone.identifier == "Asia/Shanghai" && intake.poolSize == 8 && intake.prefetch == 200)
        #expect(intake.statementTimeout == .milliseconds(10_000) && intake.acquireTimeout == .milliseconds(5_000))
        #expect(intake.apiRateLimit == 0 && intake.docsRoot == "docs" && intake.webRoot == nil && intake.clusterSize == 3)
        #expect(intake.httpIdleSeconds == 60)

        let dispatcher = try DispatcherConfiguration(reader: Self.reader([:]))
        #expect(dispatcher.consumers == 3 && dispatcher.duplicateRadius == 100 && dispatcher.clusterSize == 3)
        #expect(dispatcher.ratingTimeout == 3 * 86_400 && dispatcher.slaWatchInterval == 1 && dispatcher.historySealInterval == 3600)
        #expect(dispatcher.duplicateWindow == 86_400 && dispatcher.clusterWindow == 86_400)
        #expect(dispatcher.retention["RETENTION_CALLER"] == "P2Y" && dispatcher.retention["RETENTION_INTERVAL"] == "PT1H")
        #expect(dispatcher.retention.count == 8)

        let notifier = try NotifierConfiguration(reader: Self.reader([:]))
        #expect(notifier.smsGatewayURL == nil && notifier.smsGatewaySecret == nil && notifier.quietHours == nil)
        #expect(notifier.smsSinkFile == ".run/sms.jsonl" && notifier.smsRatePerHour == 10 && notifier.smsTemplatesDirectory == nil)
        #expect(notifier.checkinAt == "08:00" && notifier.checkinDeadline == "PT2H")
    }

    @Test func givenValuesAreRead() throws {
        let environment = [
            "TZ": ":Europe/Berlin", "LOG_FORMAT": "json", "LOG_LEVEL": "warning", "INTAKE_HTTP_PORT": "18111", "WEB_ROOT": "/srv/web",
            "DUPLICATE_WINDOW": "PT0S", "SLA_WATCH_INTERVAL": "PT0.5S", "DISPATCHER_CONSUMERS": "0", "RETENTION_CALLER": "P6M",
            "SMS_GATEWAY_URL": "https://sms.example/send", "QUIET_HOURS": "22:00-07:00",
        ]
        let intake = try IntakeConfiguration(reader: Self.reader(environment))
        #expect(intake.timeZone.identifier == "Europe/Berlin" && intake.jsonLogs && intake.logLevel == "warning")
        #expect(intake.intakePort == 18_111 && intake.webRoot == "/srv/web")
        let dispatcher = try DispatcherConfiguration(reader: Self.reader(environment))
        #expect(dispatcher.duplicateWindow == 0 && dispatcher.slaWatchInterval == 0.5)
        #expect(dispatcher.consumers == 1, "fewer than one routing consumer counts as one, as before")
        #expect(dispatcher.retention["RETENTION_CALLER"] == "P6M")
        let notifier = try NotifierConfiguration(reader: Self.reader(environment))
        #expect(notifier.smsGatewayURL == "https://sms.example/send" && notifier.quietHours == "22:00-07:00")
    }

    @Test func emptyIsUnset() throws {
        let environment = ["PG_POOL_SIZE": "", "TZ": "", "DUPLICATE_WINDOW": "", "SMS_GATEWAY_URL": "", "WEB_ROOT": ""]
        let dispatcher = try DispatcherConfiguration(reader: Self.reader(environment))
        #expect(dispatcher.poolSize == 8 && dispatcher.timeZone.identifier == "Asia/Shanghai" && dispatcher.duplicateWindow == 86_400)
        #expect(try NotifierConfiguration(reader: Self.reader(environment)).smsGatewayURL == nil)
        #expect(try IntakeConfiguration(reader: Self.reader(environment)).webRoot == nil)
    }

    /// Each bad value stops the reading with its variable named and the reason.
    @Test(arguments: [
        ("PG_POOL_SIZE", "eight", "PG_POOL_SIZE: 'eight' is not an integer ≥ 1"),
        ("PG_POOL_SIZE", "0", "PG_POOL_SIZE: '0' is not an integer ≥ 1"),
        ("INTAKE_HTTP_PORT", "80a", "INTAKE_HTTP_PORT: '80a' is not an integer from 0 to 65535"),
        ("AMQP_PREFETCH", "70000", "AMQP_PREFETCH: '70000' is not an integer from 0 to 65535"),
        ("TZ", "Mars/Olympus", "TZ: 'Mars/Olympus' is not an IANA time zone (e.g. Asia/Shanghai)"),
        ("DUPLICATE_WINDOW", "24h", "DUPLICATE_WINDOW: '24h' is not an ISO 8601 duration (e.g. PT30M, P3D)"),
        ("RETENTION_CALLER", "2 years", "RETENTION_CALLER: '2 years' is not an ISO 8601 duration (e.g. P2Y, P6M, P30D, PT12H)"),
        ("LOG_LEVEL", "warn", "LOG_LEVEL: 'warn' is not one of trace, debug, info, notice, warning, error, critical"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT: 'xml' is not one of text, json"),
        ("DATABASE_URL", "mysql://root:hunter2@db/x", "DATABASE_URL: 'mysql://root:***@db/x' is not a postgres:// or postgresql:// URL"),
        ("AMQP_URL", "http://u:hunter2@mq/", "AMQP_URL: 'http://u:***@mq/' is not amqp://user:pass@host:port/vhost or amqps://..., comma-separated for several nodes"),
        ("SMS_RATE_PER_HOUR", "-1", "SMS_RATE_PER_HOUR: '-1' is not an integer ≥ 0"),
    ])
    func badValueIsNamed(key: String, value: String, message: String) {
        let reader = Self.reader([key: value])
        let errors: [(any Error)?] = [
            Self.error { try IntakeConfiguration(reader: reader) }, Self.error { try DispatcherConfiguration(reader: reader) },
            Self.error { try NotifierConfiguration(reader: reader) },
        ]
        let named = errors.compactMap { $0 as? SettingsError }
        #expect(!named.isEmpty, "no service refused \(key)=\(value)")
        for error in named {
            #expect(error.key == key)
            #expect(error.description == message)
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func serviceReadsOnlyItsOwnKeys() throws {
        // A bad notifier value does not stop intake: each service checks what it reads.
        _ = try IntakeConfiguration(reader: Self.reader(["SMS_RATE_PER_HOUR": "lots"]))
        #expect(throws: SettingsError.self) { try NotifierConfiguration(reader: Self.reader(["SMS_RATE_PER_HOUR": "lots"])) }
    }

    @Test func effectiveConfigurationHidesSecrets() throws {
        let environment = [
            "DATABASE_URL": "postgres://hotline:db-pass-1@db:5432/hotline?sslmode=verify-full&sslpassword=key-pass-2",
            "AMQP_URL": "amqps://app:mq-pass-3@mq1/prod,amqp://app:mq,pass-4@mq2:5672/prod",
            "SMS_GATEWAY_SECRET": "f3a9c1d27b8e4f6a0c5d9e2b7a1f4c8d-sms-secret-5",
            "SMS_GATEWAY_URL": "https://gw:url-pass-6@sms.example/send?token=url-token-7&to=x",
            "QUIET_HOURS": "22:00-07:00",
        ]
        let reader = Self.reader(environment)
        let listing = try NotifierConfiguration.listing(reader: reader)
        for secret in ["db-pass-1", "key-pass-2", "mq-pass-3", "pass-4", "sms-secret-5", "url-pass-6", "url-token-7"] {
            #expect(!listing.contains(secret), "\(secret) leaked: \(listing)")
        }
        #expect(listing.contains("DATABASE_URL=postgres://hotline:***@db:5432/hotline?sslmode=verify-full&sslpassword=***\n"))
        #expect(listing.contains("AMQP_URL=amqps://app:***@mq1/prod,amqp://app:***@mq2:5672/prod\n"))
        #expect(listing.contains("SMS_GATEWAY_SECRET=***\n"))
        #expect(listing.contains("SMS_GATEWAY_URL=https://gw:***@sms.example/send?token=***&to=x\n"))
        #expect(listing.contains("QUIET_HOURS=22:00-07:00\n") && listing.contains("PG_POOL_SIZE=8\n") && listing.contains("SMS_TEMPLATES_DIR=unset\n"))
        let metadata = reader.metadata(NotifierConfiguration.keys)
        #expect(metadata["SMS_GATEWAY_SECRET"] == "***")
        #expect(metadata.count == NotifierConfiguration.keys.count)
        #expect(!metadata.values.contains { "\($0)".contains("pass-") })
    }

    @Test func aSecretIsNeverEchoedInAnError() {
        let key = ConfigurationKey("SOME_SECRET", type: "int", default: "1", secrecy: .whole, meaning: "test")
        let setting = Setting<Int>(key: key, expected: "an integer", whenUnset: 1) { Int($0) }
        #expect {
            try ConfigurationReader(environment: ["SOME_SECRET": "s3cr3t-value"]).read(setting)
        } throws: { error in
            "\(error)" == "SOME_SECRET: the value given is not an integer"
        }
    }

    @Test func redactionOfURLs() {
        let redact = ConfigurationRedaction.redactingURLPasswords
        #expect(redact("postgres://hotline@127.0.0.1:15432/hotline") == "postgres://hotline@127.0.0.1:15432/hotline")
        #expect(redact("postgres://u:p%40ss@h/db") == "postgres://u:***@h/db")
        #expect(redact("amqp://u:p@ss/w@h:5672/%2f") == "amqp://u:***@h:5672/%2f")
        #expect(redact("postgresql:///db?host=/run/pg&password=pw") == "postgresql:///db?host=/run/pg&password=***")
        #expect(redact("https://sms.example/send") == "https://sms.example/send")
    }

    @Test func everyDefaultIsAGoodValue() throws {
        // The declared default text must read as the value used when the variable is unset.
        for key in ConfigurationCatalog.allKeys {
            guard let text = key.defaultText else { continue }
            var environment = [key.name: text]
            if key.name == "SMS_GATEWAY_SECRET" { environment = [:] }
            for service in ConfigurationCatalog.services where service.keys.contains(key) {
                let reader = Self.reader(environment)
                switch service.name {
                case "intake": #expect(try IntakeConfiguration.listing(reader: reader) == IntakeConfiguration.listing(reader: Self.reader([:])))
                case "dispatcher":
                    #expect(try DispatcherConfiguration.listing(reader: reader) == DispatcherConfiguration.listing(reader: Self.reader([:])))
                default: #expect(try NotifierConfiguration.listing(reader: reader) == NotifierConfiguration.listing(reader: Self.reader([:])))
                }
            }
        }
    }

    /// The error thrown by `body`, if any.
    static func error(_ body: () throws -> Any) -> (any Error)? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}
