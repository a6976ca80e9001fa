import AMQP
import AsyncHTTPClient
import Foundation
import HotlineDomain
import Logging
import Postgres
import ServiceLifecycle

/// `make bench`: drives the running stack through its contracts and measures it against the
/// machine's own limits. See docs/benchmark.md for what each figure means.
///
/// Environment: `BENCH_LATENCY_RATE` (200 tickets/s), `BENCH_LATENCY_SECONDS` (300: five minutes, over which the services' RSS is sampled),
/// `BENCH_SECONDS` (30, the flat-out phase), `BENCH_CONCURRENCY` (64), `BENCH_SINK_PORT` (18026,
/// where the notifier must send SMS: `SMS_GATEWAY_URL=http://127.0.0.1:18026/sms`),
/// `JURISDICTION` (deploy/demo), `BENCH_RESULTS` (bench/results), `BENCH_FILL` (1,000,000 historical
/// tickets filled in before the throughput is measured again; 0: no fill), `BENCH_FILL_DAYS` (30).
@main
struct Bench {
    static let usage = """
        usage: hotline-bench   (run by `make bench`, against the stack of `.run/env`)
               hotline-bench fill [N]   only the fill: N historical tickets (1000000) into the stack's database

        Drives the running stack through its contracts: a warm-up, a latency phase at a fixed rate,
        a flat-out phase, then the machine's ceiling; prints a summary and writes
        bench/results/latest.json and a dated copy.

        environment:
          BENCH_LATENCY_RATE     tickets/s of the latency phase (200)
          BENCH_LATENCY_SECONDS  length of the latency phase, RSS sampled over it (300)
          BENCH_SECONDS          length of the flat-out phase (30)
          BENCH_CONCURRENCY      HTTP requests in flight (64)
          BENCH_SINK_PORT        the bench's SMS sink; the notifier must send to it (18026)
          JURISDICTION           the loaded jurisdiction's folder (deploy/demo)
          BENCH_RESULTS          where results go (bench/results)
          BENCH_FILL             historical tickets filled in, then flat out again (1000000; 0: none)
          BENCH_FILL_DAYS        the days they are spread over (30)
          HOTLINE_ROOT           the checkout holding .run/env (the working directory)
        """

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.contains(where: { ["-h", "--help", "help"].contains($0) }) {
            print(Self.usage)
            return
        }
        if arguments.first == "fill" {
            try await Self.fillOnly(count: arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000)
            return
        }
        if let unknown = arguments.first {
            FileHandle.standardError.write(Data("hotline-bench: unknown argument '\(unknown)'\n\n\(Self.usage)\n".utf8))
            exit(2)
        }
        let env = ProcessInfo.processInfo.environment
        let root = env["HOTLINE_ROOT"] ?? FileManager.default.currentDirectoryPath
        let stack = try Self.readEnv("\(root)/.run/env")
        let logger = { var l = Logger(label: "bench"); l.logLevel = .warning; return l }()
        func number(_ key: String, _ value: Double) -> Double { env[key].flatMap(Double.init) ?? value }
        let latencyRate = number("BENCH_LATENCY_RATE", 200)
        let latencySeconds = number("BENCH_LATENCY_SECONDS", 300)
        let flatSeconds = number("BENCH_SECONDS", 30)
        let concurrency = Int(number("BENCH_CONCURRENCY", 64))
        let sinkPort = Int(number("BENCH_SINK_PORT", 18026))

        let jurisdiction = try Jurisdiction.load(folder: URL(fileURLWithPath: env["JURISDICTION"] ?? "\(root)/deploy/demo"))
        let recorder = Recorder()
        let pgURL = stack["DATABASE_URL"]!
        let amqp = try AMQPConfiguration(url: stack["AMQP_URL"]!)
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = concurrency
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        let generator = LoadGenerator(
            client: client, intakeURL: stack["INTAKE_URL"]!, key: stack["OPERATOR_KEY"]!,
            factory: TicketFactory(jurisdiction: jurisdiction), recorder: recorder
        )
        let sampler = ProcessSampler(runDir: stack["RUN_DIR"] ?? "\(root)/.run")

        let sink = SMSSink(port: sinkPort, recorder: recorder).application(logger: logger)
        let sinkGroup = ServiceGroup(services: [sink], logger: logger)
        let sinkTask = Task { try await sinkGroup.run() }
        let simulator = DepartmentSimulator(
            configuration: amqp, departments: jurisdiction.catalog.departments.map(\.code), recorder: recorder, logger: logger
        )
        let simulatorTask = Task { await simulator.run() }
        try await Task.sleep(for: .seconds(2))

        print("warm-up: 5 s at 100 tickets/s")
        await generator.run(rate: 100, seconds: 5, concurrency: concurrency)
        _ = try await Self.drain(recorder, nil, logger, seconds: 15)
        guard recorder.progress().receipted > 0 else {
            print("no receipt SMS reached the bench sink: start the stack with SMS_GATEWAY_URL=http://127.0.0.1:\(sinkPort)/sms")
            throw ExitCode.failure
        }
        recorder.reset()

        print("latency: \(Int(latencyRate)) tickets/s for \(Int(latencySeconds)) s")
        let cpuBefore = sampler.sample()
        let memory = MemoryWatch(sampler: sampler)
        let memoryTask = Task { await memory.run() }
        await generator.run(rate: latencyRate, seconds: latencySeconds, concurrency: concurrency)
        memoryTask.cancel()
        await memoryTask.value
        _ = try await Self.drain(recorder, pgURL, logger, seconds: 20)
        let ratingRequestsMissing = try await Self.drainRatings(recorder, seconds: 30)
        let latency = recorder.summary()
        let cpuBetween = sampler.sample()
        recorder.reset()

        print("throughput: flat out with \(concurrency) connections for \(Int(flatSeconds)) s")
        let commitsBefore = try await Self.commits(pgURL, logger)
        var storage = StorageFigures()
        storage.before = try await StorageFigures.counters(pgURL, logger)
        let outboxBefore = try await Self.outboxRows(pgURL, logger)
        let started = BenchClock.now()
        await generator.runFlatOut(seconds: flatSeconds, concurrency: concurrency)
        let routedAt = try await Self.drain(recorder, pgURL, logger, seconds: 120)
        // The CPU figures cover each ticket's whole loop: resolved and rating requested too.
        _ = try await Self.drainRatings(recorder, seconds: 30)
        let flat = recorder.summary()
        let commitsAfter = try await Self.commits(pgURL, logger)
        let outboxAfter = try await Self.outboxRows(pgURL, logger)
        storage.after = try await StorageFigures.counters(pgURL, logger)
        storage.ticketsMeasured = flat.posted
        let cpuAfter = sampler.sample()
        // End to end: every posted ticket has its receipt SMS and has been routed (or linked).
        let done = routedAt.map { max($0, flat.lastReceipt) } ?? BenchClock.now()
        let span = Double(max(done, started + 1) - started) / 1_000_000
        let throughput = Double(routedAt == nil ? 0 : flat.receipts) / span

        print("ceiling: PostgreSQL commits/s (32 connections) and RabbitMQ confirmed publishes/s (256 in flight)")
        let pgCeiling = try await Ceiling.postgresCommitsPerSecond(url: pgURL, seconds: 5, logger: logger)
        let amqpCeiling = try Ceiling.amqpPublishesPerSecond(configuration: amqp, messages: 20_000)
        let commitsPerTicket = Double(commitsAfter - commitsBefore) / Double(max(1, flat.posted))
        // Messages per ticket: outbox rows plus the two replies per lead task the simulator sends.
        let messagesPerTicket = Double(outboxAfter - outboxBefore) / Double(max(1, flat.posted)) + 2
        let ceiling = min(pgCeiling / max(commitsPerTicket, 0.001), amqpCeiling / messagesPerTicket)

        // Flat as the tables grow: the same flat-out phase over a month of history.
        let fillTickets = Int(number("BENCH_FILL", 1_000_000))
        storage.throughputBeforeFill = throughput
        if fillTickets > 0 {
            print("fill: \(fillTickets) historical tickets with their events")
            storage.fill = try await HistoryFill.run(url: pgURL, tickets: fillTickets, days: Int(number("BENCH_FILL_DAYS", 30)), logger: logger)
            recorder.reset()
            print("throughput after the fill: flat out with \(concurrency) connections for \(Int(flatSeconds)) s")
            let startedAfter = BenchClock.now()
            await generator.runFlatOut(seconds: flatSeconds, concurrency: concurrency)
            let routedAfter = try await Self.drain(recorder, pgURL, logger, seconds: 120)
            let again = recorder.summary()
            let doneAfter = routedAfter.map { max($0, again.lastReceipt) } ?? BenchClock.now()
            let spanAfter = Double(max(doneAfter, startedAfter + 1) - startedAfter) / 1_000_000
            storage.throughputAfterFill = Double(routedAfter == nil ? 0 : again.receipts) / spanAfter
        }
        storage.sizes = try await StorageFigures.sizes(pgURL, logger)

        await sinkGroup.triggerGracefulShutdown()
        simulatorTask.cancel()
        try? await client.shutdown()
        _ = try? await sinkTask.value

        var result = Result(
            throughput: throughput, latency: latency, flat: flat, latencyRate: latencyRate, pgCeiling: pgCeiling,
            amqpCeiling: amqpCeiling, commitsPerTicket: commitsPerTicket, messagesPerTicket: messagesPerTicket,
            ceiling: ceiling, cpu: [cpuBefore, cpuBetween, cpuAfter], flatSeconds: span, storage: storage
        )
        result.ratingRequestsMissing = ratingRequestsMissing
        result.memory = memory
        try result.write(to: env["BENCH_RESULTS"] ?? "\(root)/bench/results")
        result.print()
        memory.print()
        storage.print()
    }

    /// Waits until every posted ticket has its receipt and (with `pgURL`) no ticket waits to
    /// be routed, or `seconds` pass. Returns when the last ticket was seen routed (to 100 ms),
    /// or nil if some were still waiting at the end.
    static func drain(_ recorder: Recorder, _ pgURL: String?, _ logger: Logger, seconds: Double) async throws -> UInt64? {
        let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        var routedAt: UInt64? = pgURL == nil ? 0 : nil
        let pool = pgURL.map { PostgresPool(url: $0, size: 1, logger: logger) }
        defer { if let pool { Task { await pool.shutdown() } } }
        while ContinuousClock.now < end {
            if routedAt == nil, let pool {
                let waiting = try await pool.withConnection {
                    try $0.query("SELECT count(*) AS n FROM tickets WHERE status = 'received'")[0].decode("n", as: Int64.self)
                }
                if waiting == 0 { routedAt = BenchClock.now() }
            }
            let (posted, receipted) = recorder.progress()
            if receipted >= posted, routedAt != nil { return routedAt }
            try await Task.sleep(for: .milliseconds(100))
        }
        return routedAt
    }

    static func commits(_ url: String, _ logger: Logger) async throws -> Int64 {
        let pool = PostgresPool(url: url, size: 1, logger: logger)
        defer { Task { await pool.shutdown() } }
        return try await pool.withConnection { connection in
            try connection.query("SELECT pg_stat_force_next_flush()")
            return try connection.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")[0]
                .decode("xact_commit", as: Int64.self)
        }
    }

    static func outboxRows(_ url: String, _ logger: Logger) async throws -> Int64 {
        let pool = PostgresPool(url: url, size: 1, logger: logger)
        defer { Task { await pool.shutdown() } }
        return try await pool.withConnection { try $0.query("SELECT last_value AS n FROM outbox_seq_seq")[0].decode("n", as: Int64.self) }
    }

    /// `hotline-bench fill N`: the fill alone, with its time and the sizes it leaves.
    static func fillOnly(count: Int) async throws {
        let env = ProcessInfo.processInfo.environment
        let stack = try Self.readEnv("\(env["HOTLINE_ROOT"] ?? FileManager.default.currentDirectoryPath)/.run/env")
        let logger = { var l = Logger(label: "bench"); l.logLevel = .warning; return l }()
        let url = stack["DATABASE_URL"]!
        let report = try await HistoryFill.run(url: url, tickets: count, days: Int(env["BENCH_FILL_DAYS"] ?? "30") ?? 30, logger: logger)
        var storage = StorageFigures()
        storage.fill = report
        storage.sizes = try await StorageFigures.sizes(url, logger)
        storage.print()
    }

    static func readEnv(_ path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var env: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            env[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return env
    }
}

/// A failed benchmark run.
struct ExitCode: Error {
    static let failure = ExitCode()
}
