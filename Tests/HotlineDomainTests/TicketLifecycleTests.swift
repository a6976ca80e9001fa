import Testing
@testable import HotlineDomain

@Suite struct TicketLifecycleTests {
    /// Every legal transition: (from, action, to).
    static let legal: [(TicketStatus, TicketAction, TicketStatus)] = [
        (.received, .assign, .assigned), (.received, .manualDispatch, .assigned),
        (.received, .markUnroutable, .unroutable), (.received, .markDuplicate, .duplicate),
        (.received, .cancel, .cancelled),
        (.unroutable, .assign, .assigned), (.unroutable, .manualDispatch, .assigned),
        (.unroutable, .escalate, .unroutable), (.unroutable, .markDuplicate, .duplicate),
        (.unroutable, .cancel, .cancelled),
        (.assigned, .accept, .accepted), (.assigned, .progress, .accepted), (.assigned, .resolve, .resolved),
        (.assigned, .returnTicket, .assigned), (.assigned, .manualDispatch, .assigned),
        (.assigned, .escalate, .assigned), (.assigned, .markUnroutable, .unroutable),
        (.assigned, .markDuplicate, .duplicate), (.assigned, .cancel, .cancelled),
        (.accepted, .progress, .accepted), (.accepted, .escalate, .accepted), (.accepted, .resolve, .resolved),
        (.accepted, .returnTicket, .assigned), (.accepted, .manualDispatch, .assigned),
        (.accepted, .markUnroutable, .unroutable), (.accepted, .cancel, .cancelled),
        (.resolved, .rate(.satisfied), .closed), (.resolved, .rate(.basicallySatisfied), .closed),
        (.resolved, .rate(.dissatisfied), .assigned), (.resolved, .close, .closed), (.resolved, .reopen, .assigned),
        (.assigned, .holdReturn, .returned), (.accepted, .holdReturn, .returned),
        (.returned, .manualDispatch, .assigned), (.returned, .rejectReturn, .assigned), (.returned, .cancel, .cancelled),
        (.duplicate, .unlinkDuplicate, .received), (.duplicate, .close, .closed), (.duplicate, .cancel, .cancelled),
        (.answered, .rate(.satisfied), .closed), (.answered, .rate(.basicallySatisfied), .closed), (.answered, .rate(.dissatisfied), .received),
    ]

    @Test(arguments: Self.legal.indices)
    func legalTransition(index: Int) throws {
        let (from, action, to) = Self.legal[index]
        #expect(try TicketLifecycle.next(from: from, on: action) == to)
        #expect(TicketLifecycle.allows(action, from: from))
    }

    @Test func everyOtherPairIsIllegal() {
        var illegal = 0
        for status in TicketStatus.allCases {
            for action in TicketAction.all where !Self.legal.contains(where: { $0.0 == status && $0.1 == action }) {
                #expect(throws: IllegalTransition(from: status, action: action)) {
                    try TicketLifecycle.next(from: status, on: action)
                }
                illegal += 1
            }
        }
        #expect(illegal == TicketStatus.allCases.count * TicketAction.all.count - Self.legal.count)
    }

    @Test func terminalStatesAllowNothing() {
        for action in TicketAction.all {
            #expect(!TicketLifecycle.allows(action, from: .closed))
            #expect(!TicketLifecycle.allows(action, from: .cancelled))
        }
    }

    @Test func messagesNameTheCurrentState() throws {
        let error = try #require(throws: IllegalTransition.self) {
            try TicketLifecycle.next(from: .closed, on: .rate(.satisfied))
        }
        #expect(error.description == "cannot rate(1) a ticket that is closed")
        #expect(IllegalTransition(from: .received, action: .resolve).description == "cannot resolve a ticket that is received")
        #expect(IllegalTransition(from: .resolved, action: .returnTicket).description == "cannot return a ticket that is resolved")
    }

    @Test func selectedIllegalMoves() {
        #expect(!TicketLifecycle.allows(.rate(.satisfied), from: .assigned))
        #expect(!TicketLifecycle.allows(.accept, from: .received))
        #expect(!TicketLifecycle.allows(.resolve, from: .unroutable))
        #expect(!TicketLifecycle.allows(.returnTicket, from: .resolved))
        #expect(!TicketLifecycle.allows(.unlinkDuplicate, from: .assigned))
        #expect(!TicketLifecycle.allows(.reopen, from: .closed))
        #expect(!TicketLifecycle.allows(.accept, from: .accepted))
    }

    @Test func statusFlags() {
        #expect(TicketStatus.closed.isTerminal && TicketStatus.cancelled.isTerminal)
        #expect(!TicketStatus.resolved.isTerminal)
        #expect(TicketStatus.unroutable.isOpen && !TicketStatus.resolved.isOpen)
    }
}
