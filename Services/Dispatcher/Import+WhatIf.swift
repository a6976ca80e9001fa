import ArgumentParser
import CaseStore
import Foundation
import HotlineDomain
import Postgres
import ServiceSupport

extension Dispatcher.Import {
    /// `--what-if`: replays the period through `jurisdiction` on a connection of its own (a
    /// read-only transaction: nothing changes), prints the report and saves it when asked.
    func replay(_ jurisdiction: Jurisdiction, settings: HotlineSettings) throws {
        let connection = try PostgresConnection(url: settings.databaseURL, applicationName: "dispatcher what-if")
        defer { connection.close() }
        let (report, grids): (WhatIfReport, [Grid])
        do {
            (report, grids) = try JurisdictionWhatIf(timeZone: settings.timeZone).run(proposed: jurisdiction, since: ISODuration(self.since)!, on: connection)
        } catch let error as JurisdictionMissing {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        let json = try HotlineJSON.encoder().encode(report)
        if let save = self.save {
            try json.write(to: URL(fileURLWithPath: save + ".json"))
            try Data(report.html(grids: grids).utf8).write(to: URL(fileURLWithPath: save + ".html"))
        }
        if self.format == "json" {
            FileHandle.standardOutput.write(json)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(report.text(), terminator: "")
            if let save = self.save { print("saved: \(save).json, \(save).html") }
        }
    }

    /// The login name of the user running the command (`SUDO_USER` first: the person behind sudo).
    static func loginUser() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        return getpwuid(getuid()).flatMap { String(validatingCString: $0.pointee.pw_name) } ?? "uid \(getuid())"
    }
}
