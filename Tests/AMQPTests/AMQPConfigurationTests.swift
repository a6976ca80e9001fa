import AMQP
import Testing

@Suite struct AMQPConfigurationTests {
    @Test func parsesAFullURL() throws {
        let config = try AMQPConfiguration(url: "amqp://guest:gu%40st@127.0.0.1:36400/%2f")
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 36400)
        #expect(config.user == "guest")
        #expect(config.password == "gu@st")
        #expect(config.vhost == "/")
        #expect(!config.useTLS)
        #expect(config.heartbeat == 30)
        #expect(config.connectionName == "hotline")
    }

    @Test func fillsDefaults() throws {
        let plain = try AMQPConfiguration(url: "amqp://broker")
        #expect(plain.port == 5672)
        #expect(plain.user == "guest" && plain.password == "guest")
        #expect(plain.vhost == "/")
        let tls = try AMQPConfiguration(url: "amqps://u:p@broker.example/prod?cacertfile=/etc/ca.pem", heartbeat: 10)
        #expect(tls.useTLS)
        #expect(tls.port == 5671)
        #expect(tls.vhost == "prod")
        #expect(tls.caCertificatePath == "/etc/ca.pem")
        #expect(tls.heartbeat == 10)
        let v6 = try AMQPConfiguration(url: "amqp://[::1]:5673/")
        #expect(v6.host == "::1" && v6.port == 5673)
    }

    @Test func rejectsBadURLs() {
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "http://broker") }
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "amqp://broker:notaport/") }
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "amqp:///vhost") }
    }

    @Test func redactsThePassword() throws {
        let config = try AMQPConfiguration(url: "amqp://app:secret@broker/%2f")
        #expect(config.redactedDescription == "amqp://app:***@broker:5672/%2F")
    }

    @Test func readsACommaSeparatedListOfBrokers() throws {
        let config = try AMQPConfiguration(
            url: "amqp://app:pw@10.0.0.1:5672/prod?heartbeat=10, amqps://other:x@10.0.0.2/prod?cacertfile=/ca.pem,amqp://[::1]:5673/"
        )
        #expect(config.brokers.count == 3)
        #expect(config.host == "10.0.0.1" && config.user == "app" && config.vhost == "prod")
        #expect(config.heartbeat == 10)
        #expect(config.brokers[1] == AMQPConfiguration.Broker(
            host: "10.0.0.2", port: 5671, user: "other", password: "x", vhost: "prod", useTLS: true, caCertificatePath: "/ca.pem"
        ))
        #expect(config.brokers[2].host == "::1" && config.brokers[2].port == 5673 && config.brokers[2].user == "guest")
        #expect(config.redactedDescription == "amqp://app:***@10.0.0.1:5672/prod,amqps://other:***@10.0.0.2:5671/prod,amqp://guest:***@[::1]:5673/%2F")
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "amqp://a/,amqp:///vhost") }
    }

    @Test func aSingleURLIsOneBrokerEvenWithACommaInside() throws {
        let config = try AMQPConfiguration(url: "amqp://app:se,cret@broker/%2f")
        #expect(config.brokers.count == 1)
        #expect(config.password == "se,cret")
        var changed = config
        changed.port = 5673
        #expect(changed.brokers[0].port == 5673)
    }
}
