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
    /// Adds the pages' endpoints and, when loaded, their files.
    static func add(
        to router: Hummingbird.Router<BasicRequestContext>, auth: Authenticator, dependencies d: IntakeDependencies, options: IntakeOptions
    ) {
        SessionController(auth: auth, jurisdiction: d.jurisdiction).add(to: router)
        JurisdictionController(auth: auth, jurisdiction: d.jurisdiction).add(to: router)
        QueueCountsController(auth: auth, console: d.console).add(to: router)
        MessagesController(auth: auth, console: d.console).add(to: router)
        ScreenController(
            auth: auth, jurisdiction: d.jurisdiction, screen: d.screen, timeZone: options.timeZone, clusterSize: options.clusterSize
        ).add(to: router)
        LiveEventsController(auth: auth, live: d.live).add(to: router)
        options.webAssets?.add(to: router)
    }

    /// The UI's files from `WEB_ROOT`; nil (logged) when the default folder is absent.
    static func assets(settings: IntakeConfiguration, logger: Logger) throws -> WebAssets? {
        do {
            let assets = try WebAssets(root: settings.webRoot ?? "Web")
            logger.info("web UI served", metadata: ["files": "\(assets.assets.count)"])
            return assets
        } catch let error as WebRootMissing where settings.webRoot == nil {
            logger.warning("web UI not served", metadata: ["reason": "\(error)"])
            return nil
        }
    }
}
