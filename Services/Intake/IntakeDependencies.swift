import CaseStore
import Foundation
import Postgres

/// What intake's routes use: the repositories (PostgreSQL's in the service, the in-memory twins
/// in router tests) and the parts the areas share.
struct IntakeDependencies: Sendable {
    /// API keys.
    var keys: any KeyRepository
    /// Tickets: creation, reading, listing, the operator's actions.
    var tickets: any TicketRepository
    /// Departments', grid workers' and secretaries' tasks.
    var tasks: any TaskRepository
    /// Tickets answered from a knowledge article.
    var answers: any AnswerRepository
    /// The knowledge base.
    var knowledge: any KnowledgeRepository
    /// The current jurisdiction.
    var jurisdiction: any JurisdictionSource
    /// 每月一题: the month's recurring problems and the topics made of them.
    var topics: any TopicRepository
    /// Volunteers, their service orders and points.
    var volunteers: any VolunteerRepository
    /// Where photos are kept.
    var attachments: any AttachmentStorage
    /// The console's event streams.
    var live: LiveEvents
    /// Statistics, rankings and reports (on the read pool: a replica when configured).
    var statistics: any StatisticsReader
    /// The big screen's figures (on the read pool).
    var screen: any ScreenReader
    /// The console's queue counts and a ticket's messages.
    var console: any ConsoleReader
    /// The jurisdiction's versions and what-if replays.
    var replay: any JurisdictionReplay
    /// Extensions, pauses and refused returns.
    var supervision: any SupervisionRepository
    /// The households registry.
    var households: any HouseholdRepository
    /// One-key broadcasts (一键响应).
    var broadcasts: any BroadcastRepository
    /// 吹哨报到.
    var summons: any SummonRepository
    /// Photos on tickets.
    var photos: any AttachmentRepository
    /// Open311 requests and their public photos.
    var open311: any Open311Repository

    /// The PostgreSQL repositories of `pool`.
    static func postgres(
        pool: PostgresPool, readPool: PostgresPool, store: CaseStore, jurisdiction: any JurisdictionSource,
        attachments: any AttachmentStorage, live: LiveEvents
    ) -> Self {
        IntakeDependencies(
            keys: PostgresKeyRepository(pool: pool), tickets: PostgresTicketRepository(pool: pool, store: store),
            tasks: PostgresTaskRepository(pool: pool, store: store),
            answers: PostgresAnswerRepository(pool: pool, store: store),
            knowledge: PostgresKnowledgeRepository(pool: pool, timeZone: store.timeZone),
            jurisdiction: jurisdiction,
            topics: PostgresTopicRepository(pool: pool, timeZone: store.timeZone),
            volunteers: PostgresVolunteerRepository(pool: pool, store: store), attachments: attachments, live: live,
            statistics: PostgresStatisticsReader(pool: readPool), screen: PostgresScreenReader(pool: readPool),
            console: PostgresConsoleReader(pool: pool, store: store), replay: PostgresJurisdictionReplay(pool: pool, timeZone: store.timeZone),
            supervision: PostgresSupervisionRepository(pool: pool, store: store),
            households: PostgresHouseholdRepository(pool: pool, store: store, households: HouseholdStore(timeZone: store.timeZone)),
            broadcasts: PostgresBroadcastRepository(pool: pool), summons: PostgresSummonRepository(pool: pool, store: store),
            photos: PostgresAttachmentRepository(pool: pool, store: store, storage: attachments),
            open311: PostgresOpen311Repository(pool: pool, store: store, attachments: attachments)
        )
    }
}
