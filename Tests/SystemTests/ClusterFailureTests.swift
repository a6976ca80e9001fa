import Foundation
import Testing

/// The broker as a 3-node cluster with quorum queues (``ClusterStack``): the node every service
/// is connected to is killed mid-load, and the flow goes on through the other two.
@Suite(.serialized) struct ClusterFailureTests {
    @Test(.timeLimit(.minutes(5))) func clusterNodeStoppedUnderLoad() async throws {
        let main = try Stack.load()
        let cluster = try ClusterStack.start(beside: main)
        do {
            try await self.nodeStoppedUnderLoad(cluster)
        } catch {
            cluster.stop(keepingLogsIn: main)
            throw error
        }
        cluster.stop(keepingLogsIn: main)
    }

    private func nodeStoppedUnderLoad(_ cluster: ClusterStack) async throws {
        let stack = cluster.stack
        let firstPort = Int(stack["AMQP_PORT"]) ?? 0
        #expect(stack["AMQP_URL"].split(separator: ",").count == 3, "AMQP_URL lists the three nodes")

        // Quorum queues have a member on each node, so losing one leaves a majority.
        let members = Dictionary(
            try cluster.rabbitmqctl("list_queues", "name", "members").map { ($0["name"] as? String ?? "", ($0["members"] as? [Any] ?? []).count) }
        ) { first, _ in first }
        for queue in ChaosAudit.consumedQueues + ["tasks.CG"] {
            #expect(members[queue] == 3, "\(queue) has a member on each of the 3 nodes: \(members[queue] ?? 0)")
        }
        // Warm up so every service has its connections open, then see where they are.
        let audit = try ChaosAudit(stack, label: "cluster: node 1 of 3 killed")
        var before: [Int: Int] = [:]
        var acceptedAfterKill = 0
        let result = try await ChaosLoad.during(stack) { load in
            try await Task.sleep(for: .seconds(3))
            before = try cluster.connectionsByPort()
            kill(try stack.pid("rabbitmq"), SIGKILL)
            let atKill = load.acceptedSoFar
            try await Task.sleep(for: .seconds(10))
            acceptedAfterKill = load.acceptedSoFar - atKill
        }
        #expect((before[firstPort] ?? 0) >= 3, "the services were connected to node 1 (:\(firstPort)): \(before)")
        #expect(result.refusedCount == 0, "cluster: intake refused \(result.refusedSummary)")
        #expect(acceptedAfterKill >= Int(ChaosLoad.defaultRate * 5), "cluster: \(acceptedAfterKill) accepted after the kill")
        // Checked while node 1 is still down: the tickets flowed through the other two.
        try await audit.verify(result)
        let after = try cluster.connectionsByPort()
        #expect(after[firstPort] == nil && after.values.reduce(0, +) >= before[firstPort] ?? 0, "connections moved to the other nodes: \(after)")
        print("chaos[cluster]: connections by node port before the kill \(before.sorted { $0.key < $1.key }), after \(after.sorted { $0.key < $1.key }); \(acceptedAfterKill) tickets accepted after it")
    }
}
