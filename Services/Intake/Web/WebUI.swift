import Foundation
import Hummingbird
import Logging
import ServiceSupport

/// The web UI's routes: its static files and the API endpoints only the pages need.
///
/// Configuration: `WEB_ROOT` (path, `Web`): the UI's files; unset and absent, intake serves the
/// API alone and says so in its log. `CLUSTER_SIZE` (int, 3): as the dispatcher's, for the big
/// screen's cluster alerts.
enum WebUI {
    static func add(
        to router: Hummingbird.Router<BasicRequestContext>, tickets: TicketsController, reads: ReadDatabase, live: LiveEvents,
        settings: IntakeConfiguration, logger: Logger
    ) throws {
        SessionController(tickets: tickets).add(to: router)
        JurisdictionController(tickets: tickets).add(to: router)
        QueueCountsController(tickets: tickets).add(to: router)
        MessagesController(tickets: tickets).add(to: router)
        ScreenController(
            tickets: tickets, reads: reads, timeZone: settings.timeZone,
            clusterSize: settings.clusterSize
        ).add(to: router)
        LiveEventsController(tickets: tickets, live: live).add(to: router)
        do {
            let assets = try WebAssets(root: settings.webRoot ?? "Web")
            assets.add(to: router)
            logger.info("web UI served", metadata: ["files": "\(assets.assets.count)"])
        } catch let error as WebRootMissing where settings.webRoot == nil {
            logger.warning("web UI not served", metadata: ["reason": "\(error)"])
        }
    }
}
