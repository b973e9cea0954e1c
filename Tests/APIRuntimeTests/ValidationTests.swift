import APIRuntime
import Foundation
import Testing
import TodoAPI

/// Decodes `json` as a request body of type `T`, the way the generated routes do.
func decodeBody<T: JSONValueDecodable>(_ type: T.Type, _ json: String) throws -> (value: T?, issues: [ValidationIssue]) {
    var ctx = DecodeContext()
    let value = T.decode(try JSONValue.parse(json), at: ["body"], &ctx)
    return (value, ctx.issues)
}

func describe(_ issues: [ValidationIssue]) -> [String] {
    issues.map { issue in
        let loc = issue.loc.map { component -> String in
            switch component {
            case .key(let key): key
            case .index(let index): String(index)
            }
        }.joined(separator: ".")
        return "\(issue.type) @\(loc): \(issue.msg)"
    }
}

@Suite("Generated validation of the Todo API's request bodies")
struct GeneratedValidationTests {
    @Test func everyViolationIsReportedAtOnce() throws {
        let long = String(repeating: "x", count: 201)
        let (value, issues) = try decodeBody(TaskCreate.self, #"{"title": "\#(long)", "description": 5}"#)
        #expect(value == nil)
        #expect(
            describe(issues) == [
                "string_too_long @body.title: String should have at most 200 characters",
                "string_type @body.description: Input should be a valid string",
            ])
        #expect(issues[0].ctx == JSONObject([("max_length", .number("200"))]))
        #expect(issues[0].input == .string(long))
    }

    @Test func missingMembersCarryTheWholeObjectAsInput() throws {
        let (_, issues) = try decodeBody(TaskCreate.self, #"{"description": "d"}"#)
        #expect(describe(issues) == ["missing @body.title: Field required"])
        #expect(issues.first?.input == .object(JSONObject([("description", "d")])))
        let json = String(decoding: JSONWriter.write(ValidationFailure(issues).problem.detail), as: UTF8.self)
        #expect(json == #"[{"type":"missing","loc":["body","title"],"msg":"Field required","input":{"description":"d"}}]"#)
    }

    @Test func lengthsCountCharactersNotBytes() throws {
        let emoji = String(repeating: "😀", count: 200)
        let (value, issues) = try decodeBody(TaskCreate.self, #"{"title": "\#(emoji)"}"#)
        #expect(issues.isEmpty)
        #expect(value?.title == emoji)
        let (_, empty) = try decodeBody(TaskCreate.self, #"{"title": ""}"#)
        #expect(describe(empty) == ["string_too_short @body.title: String should have at least 1 character"])
    }

    @Test func absentNullAndValueAreDistinct() throws {
        #expect(try decodeBody(TaskUpdate.self, #"{}"#).value?.description == .absent)
        #expect(try decodeBody(TaskUpdate.self, #"{"description": null}"#).value?.description == .null)
        #expect(try decodeBody(TaskUpdate.self, #"{"description": "x"}"#).value?.description == .value("x"))
        // title is optional but not nullable: null is a type error, not "no change".
        #expect(describe(try decodeBody(TaskUpdate.self, #"{"title": null}"#).issues) == ["string_type @body.title: Input should be a valid string"])
        #expect(
            describe(try decodeBody(TaskUpdate.self, #"{"completed": "yes"}"#).issues) == [
                "bool_type @body.completed: Input should be a valid boolean"
            ])
    }

    @Test func registrationLimits() throws {
        let name = String(repeating: "n", count: 101)
        let password = String(repeating: "p", count: 1025)
        let (_, issues) = try decodeBody(UserCreate.self, #"{"email": "a@@b", "password": "\#(password)", "name": "\#(name)"}"#)
        #expect(
            describe(issues) == [
                "value_error @body.email: value is not a valid email address: The email address contains more than one @-sign.",
                "string_too_long @body.password: String should have at most 1024 characters",
                "string_too_long @body.name: String should have at most 100 characters",
            ])
        let (_, short) = try decodeBody(UserCreate.self, #"{"email": "x@example.com", "password": "short"}"#)
        #expect(describe(short) == ["string_too_short @body.password: String should have at least 8 characters"])
        let (_, notObject) = try decodeBody(UserCreate.self, #"[1]"#)
        #expect(describe(notObject) == ["model_attributes_type @body: Input should be a valid dictionary or object to extract fields from"])
    }

    @Test func writeOnlyPasswordsNeverReachAResponse() {
        let user = UserCreate(email: "a@b.co", password: "secret-password", name: .null)
        let json = String(decoding: JSONWriter.write(user.jsonValue), as: UTF8.self)
        #expect(json == #"{"email":"a@b.co","name":null}"#)
    }
}

@Suite("Check: each constraint keyword")
struct ConstraintTests {
    func run<T>(_ json: JSONValue, parameters: Bool = false, _ body: (JSONValue, inout DecodeContext) -> T?) -> (T?, [String]) {
        var ctx = DecodeContext(parameters: parameters)
        let value = body(json, &ctx)
        return (value, describe(ctx.issues))
    }

    @Test func stringPatternAndFormats() {
        #expect(run("abc-12") { Check.string($0, at: ["v"], &$1, StringRules(pattern: "^[a-z]+-[0-9]+$")) }.1.isEmpty)
        #expect(
            run("abc") { Check.string($0, at: ["v"], &$1, StringRules(pattern: "^[a-z]+-[0-9]+$")) }.1 == [
                "string_pattern_mismatch @v: String should match pattern '^[a-z]+-[0-9]+$'"
            ])
        #expect(run("2024-02-30") { Check.string($0, at: ["v"], &$1, StringRules(format: .date)) }.1.count == 1)
        #expect(run("2024-02-29") { Check.string($0, at: ["v"], &$1, StringRules(format: .date)) }.1.isEmpty)
        #expect(run("https://example.com/x") { Check.string($0, at: ["v"], &$1, StringRules(format: .uri)) }.1.isEmpty)
        #expect(run("not a uri") { Check.string($0, at: ["v"], &$1, StringRules(format: .uri)) }.1.count == 1)
        #expect(run("first.last+tag@sub.example.org") { Check.string($0, at: ["v"], &$1, StringRules(format: .email)) }.1.isEmpty)
        #expect(
            run("no-at-sign") { Check.string($0, at: ["v"], &$1, StringRules(format: .email)) }.1 == [
                "value_error @v: value is not a valid email address: An email address must have an @-sign."
            ])
    }

    @Test func numericBounds() {
        let rules = NumberRules(minimum: 1, maximum: 10)
        #expect(
            run(.number("0")) { Check.integer(Int.self, $0, at: ["v"], &$1, rules) }.1 == [
                "greater_than_equal @v: Input should be greater than or equal to 1"
            ])
        #expect(
            run(.number("11")) { Check.integer(Int.self, $0, at: ["v"], &$1, rules) }.1 == [
                "less_than_equal @v: Input should be less than or equal to 10"
            ])
        let exclusive = NumberRules(exclusiveMinimum: 0, exclusiveMaximum: 1)
        #expect(
            run(.number("0")) { Check.number(Double.self, $0, at: ["v"], &$1, exclusive) }.1 == ["greater_than @v: Input should be greater than 0"])
        #expect(run(.number("1")) { Check.number(Double.self, $0, at: ["v"], &$1, exclusive) }.1 == ["less_than @v: Input should be less than 1"])
        #expect(run(.number("0.75")) { Check.number(Double.self, $0, at: ["v"], &$1, NumberRules(multipleOf: 0.25)) }.1.isEmpty)
        #expect(
            run(.number("0.8")) { Check.number(Double.self, $0, at: ["v"], &$1, NumberRules(multipleOf: 0.25)) }.1 == [
                "multiple_of @v: Input should be a multiple of 0.25"
            ])
        #expect(
            run(.number("1.5")) { Check.integer(Int.self, $0, at: ["v"], &$1) }.1 == [
                "int_from_float @v: Input should be a valid integer, got a number with a fractional part"
            ])
        #expect(run(.number("99999999999999999999")) { Check.integer(Int.self, $0, at: ["v"], &$1) }.1.count == 1)
        #expect(run(.number("2147483648")) { Check.integer(Int32.self, $0, at: ["v"], &$1) }.1.count == 1)
    }

    @Test func parametersConvertTextButBodiesDoNot() {
        #expect(run("42", parameters: true) { Check.integer(Int.self, $0, at: ["query", "limit"], &$1) }.0 == 42)
        #expect(
            run("abc", parameters: true) { Check.integer(Int.self, $0, at: ["path", "task_id"], &$1) }.1 == [
                "int_parsing @path.task_id: Input should be a valid integer, unable to parse string as an integer"
            ])
        #expect(run("42") { Check.integer(Int.self, $0, at: ["body", "n"], &$1) }.1 == ["int_type @body.n: Input should be a valid integer"])
        #expect(run("yes", parameters: true) { Check.bool($0, at: ["q"], &$1) }.0 == true)
        #expect(
            run("maybe", parameters: true) { Check.bool($0, at: ["q"], &$1) }.1 == [
                "bool_parsing @q: Input should be a valid boolean, unable to interpret input"
            ])
    }

    @Test func arraysAndMembers() {
        let rules = ArrayRules(minItems: 2, maxItems: 3, uniqueItems: true)
        let item: Check.Decode<String> = { Check.string($0, at: $1, &$2) }
        #expect(
            run(.array(["a"])) { Check.array($0, at: ["v"], &$1, rules, item) }.1 == [
                "too_short @v: List should have at least 2 items after validation, not 1"
            ])
        #expect(
            run(.array(["a", "b", "c", "d"])) { Check.array($0, at: ["v"], &$1, rules, item) }.1 == [
                "too_long @v: List should have at most 3 items after validation, not 4"
            ])
        #expect(run(.array(["a", "a"])) { Check.array($0, at: ["v"], &$1, rules, item) }.1 == ["list_not_unique @v: List should have unique items"])
        #expect(run(.array(["a", 1])) { Check.array($0, at: ["v"], &$1, nil, item) }.1 == ["string_type @v.1: Input should be a valid string"])
        #expect(
            run(.object(JSONObject([("a", 1), ("extra", true)]))) { json, ctx -> Bool? in
                guard case .object(let object) = json else { return nil }
                Check.noAdditionalProperties(object, allowed: ["a"], at: ["body"], &ctx)
                return true
            }.1 == ["extra_forbidden @body.extra: Extra inputs are not permitted"])
    }

    @Test func enumsListTheAllowedValues() throws {
        let (_, issues) = try decodeBody(Token.TokenType.self, #""mac""#)
        #expect(describe(issues) == ["enum @body: Input should be 'bearer'"])
    }
}
