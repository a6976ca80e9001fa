import Foundation
import Testing
@testable import HotlineDomain

@Suite struct ISODurationTests {
    @Test(arguments: [
        ("PT30M", 1_800.0), ("PT2H", 7_200.0), ("P1D", 86_400.0), ("P5D", 432_000.0), ("PT24H", 86_400.0),
        ("P1DT2H30M", 95_400.0), ("PT2S", 2.0), ("PT0S", 0.0), ("P2W", 1_209_600.0), ("PT1.5S", 1.5),
        ("PT0,25S", 0.25), ("P1W2D", 777_600.0),
    ])
    func parsesTotalSeconds(text: String, seconds: Double) throws {
        let duration = try #require(ISODuration(text))
        #expect(duration.seconds == seconds)
    }

    @Test func keepsParts() throws {
        let duration = try #require(ISODuration("P1DT2H30M15.5S"))
        #expect(duration.days == 1)
        #expect(duration.hours == 2)
        #expect(duration.minutes == 30)
        #expect(duration.secondsPart == 15.5)
        #expect(duration.timeSeconds == 9_015.5)
        #expect(duration.text == "P1DT2H30M15.5S")
    }

    @Test(arguments: [
        "", "P", "PT", "P1Y", "P1M", "P1Y2D", "PT-5M", "P-1D", "5D", "PT5", "P1.5D", "PT1.5H", "PT5M2H",
        "P1DT", "P1D1D", "P2D1W", "garbage", "PT5X", "P1H", "PT1D",
    ])
    func rejects(text: String) {
        #expect(ISODuration(text) == nil)
    }

    @Test func writesCanonicalText() {
        #expect(ISODuration("P2W")?.text == "P14D")
        #expect(ISODuration("PT0S")?.text == "PT0S")
        #expect(ISODuration("PT24H")?.text == "PT24H")
        #expect(ISODuration(days: 0, hours: 0, minutes: 90).text == "PT90M")
        #expect(ISODuration("pt30m")?.text == "PT30M")
    }

    @Test func codesAsText() throws {
        let terms = SLATerms(respond: try #require(ISODuration("PT30M")), resolve: try #require(ISODuration("P5D")), workingDays: true)
        let data = try HotlineJSON.encoder().encode(terms)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json == #"{"resolve":"P5D","respond":"PT30M","workingDays":true}"#)
        #expect(try HotlineJSON.decoder().decode(SLATerms.self, from: data) == terms)
        #expect(throws: DecodingError.self) {
            try HotlineJSON.decoder().decode(ISODuration.self, from: Data(#""P1M""#.utf8))
        }
    }
}
