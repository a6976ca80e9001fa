import Testing
@testable import HotlineDomain

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("13909310301", "13909310301"), ("139 0931 0301", "13909310301"), ("139-0931-0301", "13909310301"),
        ("+86 139 0931 0301", "13909310301"), ("8613909310301", "13909310301"), ("+8613909310301", "13909310301"),
        ("0086 13909310301", "13909310301"), ("19912345678", "19912345678"),
        ("0935-1234567", "0935-1234567"), ("09351234567", "0935-1234567"), ("0935 1234567", "0935-1234567"),
        ("010-12345678", "010-12345678"), ("01012345678", "010-12345678"), ("(021) 87654321", "021-87654321"),
        ("+86 935 1234567", "0935-1234567"), ("+86 10 12345678", "010-12345678"), ("0931-8123456", "0931-8123456"),
    ])
    func normalizes(raw: String, expected: String) {
        #expect(PhoneNumber.normalize(raw) == expected)
    }

    @Test(arguments: [
        "", "12345", "110", "12909310301", "1390931030", "139093103011", "abc13909310301", "0935-123",
        "0935-012345678", "00-1234567", "86", "+8612345", "139 0931 030x",
    ])
    func rejects(raw: String) {
        #expect(PhoneNumber.normalize(raw) == nil)
    }

    @Test func masksMobilesAndLandlines() {
        #expect(PhoneNumber.mask("13909310301") == "139****0301")
        #expect(PhoneNumber.mask("+86 139 0931 0301") == "139****0301")
        #expect(PhoneNumber.mask("0935-1234567") == "0935-*****67")
        #expect(PhoneNumber.mask("01012345678") == "010-******78")
    }

    @Test func maskNeverRevealsTheNumber() {
        for raw in ["12345", "95598", "110", "1", "", "abcdefgh", "123456789012345"] {
            let masked = PhoneNumber.mask(raw)
            let digits = raw.filter(\.isNumber)
            #expect(!digits.isEmpty ? !masked.contains(digits) : true, "\(raw) -> \(masked)")
            #expect(masked.contains("*"))
        }
    }
}
