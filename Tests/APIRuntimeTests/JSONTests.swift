import APIRuntime
import Foundation
import Testing
import TodoAPI

@Suite("JSON parsing and writing")
struct JSONTests {
    @Test func parsesAndWritesBackExactly() throws {
        let text = #"{"a":[1,-2.5e3,true,null,"é\n\"x\""],"big":123456789012345678901234567890,"o":{}}"#
        let value = try JSONValue.parse(text)
        #expect(String(decoding: JSONWriter.write(value), as: UTF8.self) == text)
    }

    /// Responses are written straight to bytes; the result must equal writing the value's `JSONValue`.
    @Test func directWriterMatchesTheTree() throws {
        let dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_000_000.123456), Date(timeIntervalSince1970: -86_400.5)]
        let tasks = dates.enumerated().map { index, date in
            TaskResponse(
                id: index == 1 ? Int.min : index * 1_000_003, title: "t\"\\\n\u{1}é😀 \(index)",
                description: index == 0 ? nil : "d", completed: index % 2 == 0, createdAt: date, updatedAt: date)
        }
        var out = JSONOutput()
        tasks.writeJSON(to: &out)
        #expect(out.bytes == JSONWriter.write(tasks.jsonValue))
        #expect(String(decoding: out.bytes, as: UTF8.self).contains(#""created_at":"1970-01-01T00:00:00.000000Z""#))
        #expect(String(decoding: out.bytes, as: UTF8.self).contains(#""created_at":"1969-12-30T23:59:59.500000Z""#))
        let problem = HTTPValidationError(detail: [
            ValidationError(loc: [.case1("body"), .case2(0)], msg: "m", type: "t", input: .null, ctx: ["k": .number("1")])
        ])
        var problemOut = JSONOutput()
        problem.writeJSON(to: &problemOut)
        #expect(problemOut.bytes == JSONWriter.write(problem.jsonValue))
        var empty = JSONOutput()
        [TaskResponse]().writeJSON(to: &empty)
        #expect(empty.bytes == Array("[]".utf8))
    }

    @Test func escapesAndSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""\u00e9\ud83d\ude00\/""#) == .string("é😀/"))
    }

    @Test(arguments: [
        ("", "Expecting value", 0),
        ("{\"a\" 1}", "Expecting ':' delimiter", 5),
        ("[1,]", "Expecting value", 3),
        ("{\"a\":1} x", "Extra data", 8),
        ("\"\\q\"", "Invalid \\escape", 1),
        ("01", "Extra data", 1),
        ("{'a':1}", "Expecting property name enclosed in double quotes", 1),
        ("\"abc", "Unterminated string starting at", 4),
    ])
    func rejectsMalformedInputWithAnOffset(_ text: String, _ message: String, _ offset: Int) {
        #expect(throws: JSONSyntaxError(message: message, offset: offset)) { try JSONValue.parse(text) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(deep) }
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONSyntaxError.self) { try bytes.withUnsafeBytes { try JSONValue.parse($0) } }
    }

    @Test func rfc3339RoundTripsWithMicroseconds() throws {
        let date = try #require(RFC3339.parse("2026-11-26T01:02:03.123456Z"))
        #expect(RFC3339.format(date) == "2026-11-26T01:02:03.123456Z")
        #expect(RFC3339.parse("2026-11-26T03:02:03.5+02:00").map(RFC3339.format) == "2026-11-26T01:02:03.500000Z")
        #expect(RFC3339.parse("2026-11-26T01:02:03") == nil)
        #expect(RFC3339.parse("2026-13-01T00:00:00Z") == nil)
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
    }

    @Test func formBodiesDecodeLikeTheURLStandard() throws {
        let object = try FormBody.parse(
            Array("username=a%40b.io&password=p+w%2Bd%C3%A9&tag=x&&tag=y&scope=&flag&username=last".utf8), arrayFields: ["tag", "none"])
        #expect(
            object
                == JSONObject([
                    ("username", .string("a@b.io")), ("password", .string("p w+dé")), ("scope", .string("")), ("flag", .string("")),
                    ("username", .string("last")), ("tag", .array([.string("x"), .string("y")])),
                ]))
        #expect(object["username"] == .string("last"))
        #expect(try FormBody.parse(Array("".utf8)) == JSONObject())
        #expect(throws: FormBody.Malformed.self) { try FormBody.parse(Array("a=%4".utf8)) }
        #expect(throws: FormBody.Malformed.self) { try FormBody.parse(Array("a=%zz".utf8)) }
        #expect(throws: FormBody.Malformed.self) { try FormBody.parse(Array("a=%C3%28".utf8)) }
    }
}
