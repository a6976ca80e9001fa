import Postgres
import Testing

@Suite("Array literals")
struct PostgresArrayLiteralTests {
    @Test func formatsQuotedAndEscapedElements() {
        #expect(["a", "b,c", "d\"e", "f\\g", ""].postgresText == #"{"a","b,c","d\"e","f\\g",""}"#)
        #expect([String]().postgresText == "{}")
        #expect([Int64(1), -2].postgresText == #"{"1","-2"}"#)
        #expect(["x", nil].postgresText == #"{"x",NULL}"#)
    }

    @Test func parsesServerOutput() throws {
        #expect(try [String](postgresText: #"{a,"b,c","d\"e","f\\g","",NULL-ish}"#) == ["a", "b,c", "d\"e", "f\\g", "", "NULL-ish"])
        #expect(try [String?](postgresText: #"{a,NULL,"NULL",null}"#) == ["a", nil, "NULL", nil])
        #expect(try [Int](postgresText: "{1,2,3}") == [1, 2, 3])
        #expect(try [Int](postgresText: "[0:1]={7,8}") == [7, 8])
        #expect(try [String](postgresText: "{}") == [])
    }

    @Test func nullIntoNonOptionalElementThrows() {
        #expect(throws: PostgresError.self) { try [String](postgresText: "{a,NULL}") }
    }

    @Test func rejectsMalformedAndNestedLiterals() {
        for text in ["", "a,b", "{a", #"{"a}"#, "{{1,2},{3,4}}", "{a}b"] {
            #expect(throws: PostgresError.self, "\(text)") { try [String](postgresText: text) }
        }
    }
}
