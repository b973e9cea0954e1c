import APIRuntime
import Foundation

/// A disagreement that the differential test lets pass: an intentional difference, a quirk of the reference, or a
/// defect already reported whose fix belongs elsewhere. Each says why, and matches as narrowly as it can: by kind,
/// and by every one of our issues or every one of the reference's errors, with the value it is about.
struct Allowance: Sendable {
    var name: String
    /// `Disagreement.Kind.name`: "refused-valid", "accepted-invalid", "round-trip" or "inconsistent".
    var kind: String
    var why: String
    var explains: @Sendable (Disagreement) -> Bool
}

enum DifferentialAllowList {
    static let entries: [Allowance] = intentional + referenceQuirks + reportedDefects

    /// Where our decoders mean to differ from JSON Schema as openapi-schema-validator reads it.
    static let intentional: [Allowance] = [
        Allowance(
            name: "an alias component's checks apply where it is used", kind: "accepted-invalid",
            why: "OpenAPIDocument (type: object, required: [...], no properties) is `typealias OpenAPIDocument = [String: JSONValue]`; "
                + "its `required` is checked around the decoding of every member or body of that type (Constraint(required:), see "
                + "DiagnosticTests.requiredNamesOfADictionaryAreChecked), but a typealias has no decoder of its own, and this API "
                + "only ever sends an OpenAPIDocument, so nothing here decodes one where the check would run",
            explains: { d in
                d.differentialCase.schema == "OpenAPIDocument" && d.everyReferenceError { keyword, _ in keyword == "required" }
            }),
        Allowance(
            name: "NUL in a string", kind: "refused-valid",
            why: "PostgreSQL text cannot hold U+0000 and no client means it: Check.string refuses it in every string (string_nul_character; "
                + "inside anyOf, union_no_match)",
            explains: { d in
                d.everyIssue { type, value in
                    type == "string_nul_character" || (type == "union_no_match" && Exact.string(value)?.unicodeScalars.contains("\0") == true)
                }
            }),
        Allowance(
            name: "integer beyond 64 bits", kind: "refused-valid",
            why: "`type: integer` without a format is a Swift Int (PostgreSQL bigint): past 64 bits it is int_parsing_size (inside anyOf, "
                + "union_no_match); JSON Schema's integers are unbounded. With format int64 the reference refuses these too",
            explains: { d in
                d.everyIssue { type, value in ["int_parsing_size", "union_no_match"].contains(type) && Exact.isIntegerBeyondInt64(value) }
            }),
        Allowance(
            name: "OAS 3.0: an integer spelt 1.0 or 1e2", kind: "accepted-invalid",
            why: "OAS 3.0's JSON Schema (draft 4/Wright-00) counts only numbers without a fraction or exponent as integers; later drafts, "
                + "OAS 3.1 and pydantic count 1.0 as 1. The decoders follow the latter for every document (Check.integer)",
            explains: { d in
                d.differentialCase.openapi.hasPrefix("3.0.")
                    && d.everyReferenceError { keyword, value in keyword == "type" && Exact.isIntegerSpeltAsFloat(value) }
            }),
        Allowance(
            name: "email shaped like pydantic's EmailStr", kind: "refused-valid",
            why: "format email is checked as FastAPI's EmailStr does (email-validator's RFC 5321 shapes: one @, a dotted domain, no quoted "
                + "local part or address literal); jsonschema's email check (jsonschema/_format.py is_email) only asks for an @. Only "
                + "for the edge cases cases.py writes by hand (mutate.py FORMAT_MUTATIONS): an address hypothesis draws must pass",
            explains: { d in
                d.differentialCase.label.hasPrefix("format email:") && !d.outcome.issues.isEmpty
                    && d.outcome.issues.allSatisfy { $0.type == "value_error" && $0.msg.hasPrefix("value is not a valid email address") }
            }),
        Allowance(
            name: "date-time with a space for the T", kind: "accepted-invalid",
            why: "RFC 3339 section 5.6 NOTE lets applications separate date and time with a space; pydantic accepts it, and so does "
                + "RFC3339.parse. rfc3339-validator 0.1.4 insists on T",
            explains: { d in d.everyReferenceError { keyword, value in keyword == "format" && Exact.character(value, at: 10) == " " } }),
        Allowance(
            name: "date-time with second 60", kind: "accepted-invalid",
            why: "RFC 3339 section 5.6 allows time-second 60 (a leap second; which minutes had one needs a table, so any is taken, as "
                + ":59); rfc3339-validator 0.1.4 refuses all of them ('Leap seconds are no supported', its docstring)",
            explains: { d in d.everyReferenceError { keyword, value in keyword == "format" && Exact.substring(value, 17, 19) == "60" } }),
        Allowance(
            name: "OAS 3.0: a readOnly member sent in a request", kind: "accepted-invalid",
            why: "OAS 3.0.3: readOnly properties SHOULD NOT be sent in a request, not MUST NOT. A type requests carry keeps them optional "
                + "and accepts them (Translator+Types.swift), as the same type decodes responses; OAS30WriteValidator refuses them",
            explains: { d in d.everyReferenceError { keyword, _ in keyword == "readOnly" } }),
        Allowance(
            name: "discriminator value that is a schema's name, not a mapping key", kind: "refused-valid",
            why: "with an explicit mapping the decoders accept its keys only, as pydantic's tagged unions do; OAS 3.0.3's own example "
                + "says the mapping's value replaces the implicit one ('dog will map to the schema Dog, rather than the default (implicit) "
                + "value of Dog'), while openapi-schema-validator still falls back to any component name",
            explains: { d in
                let names = Set(DifferentialDecoders.table[d.differentialCase.document]?.keys.map { $0 } ?? [])
                return !d.outcome.issues.isEmpty
                    && d.outcome.issues.allSatisfy { issue in
                        guard issue.type == "union_tag_invalid", case .string(let tag)? = issue.ctx?["tag"] else { return false }
                        return names.contains(tag)
                    }
            }),
    ]

    /// Where openapi-schema-validator (and the libraries it uses) is wrong, with the evidence.
    static let referenceQuirks: [Allowance] = [
        Allowance(
            name: "a number the reference reads as its nearest Double", kind: "refused-valid",
            why: "Python's json reads every number with a fraction or exponent as a float, and jsonschema judges that float: "
                + "1.0000000000000000000001 and 1e-400 become 1.0 and 0.0 (integers), 1000000000.500000000000000000005 becomes a multiple "
                + "of 0.5. Our checks read the number as written (ExactNumber)",
            explains: { d in d.everyIssue { type, value in ["int_from_float", "multiple_of"].contains(type) && Exact.doubleChangesIt(value) } }),
        Allowance(
            name: "pattern $ before a final newline", kind: "refused-valid",
            why: "JSON Schema patterns are ECMA-262, where $ is the end of input; jsonschema uses Python's re.search, whose $ also matches "
                + "before a final \\n (re docs), so '^[a-z]+$' accepts 'abc\\n'. Patterns.anchoredAtEnd makes ours ECMA's",
            explains: { d in d.everyIssue { type, value in type == "string_pattern_mismatch" && Exact.string(value)?.hasSuffix("\n") == true } }),
        Allowance(
            name: "date-time followed by a newline", kind: "refused-valid",
            why: "rfc3339-validator 0.1.4 matches its regex with re.match and a closing $, which also matches before a final \\n: it "
                + "accepts '2024-01-01T12:00:00Z\\n', which is no RFC 3339 date-time",
            explains: { d in
                d.everyIssue { type, value in type == "datetime_from_date_parsing" && Exact.string(value)?.hasSuffix("\n") == true }
            }),
        Allowance(
            name: "date-time in year 0000", kind: "accepted-invalid",
            why: "RFC 3339's date-fullyear is 4DIGIT, 0000 included; rfc3339-validator 0.1.4 refuses year 0 because Python's calendar "
                + "has none",
            explains: { d in d.everyReferenceError { keyword, value in keyword == "format" && Exact.string(value)?.hasPrefix("0000-") == true } }),
    ]

    /// Defects of the generated validation found by this test, reported, whose fix belongs to someone else's code.
    /// Remove an entry with its fix (the test then fails until the entry goes, as it explains nothing).
    static let reportedDefects: [Allowance] = [
        Allowance(
            name: "DEFECT: a date-time that a Date rounds into year 10000", kind: "round-trip",
            why: "9999-12-31T23:59:59.999999Z parses to the Double nearest it, which is 10000-01-01T00:00:00Z (an ulp there is ~30 µs), "
                + "and RFC3339.write then writes a five-digit year that RFC3339.parse refuses (Sources/APIRuntime/RFC3339.swift)",
            explains: { d in if case .roundTrip(let detail) = d.kind { detail.contains("came back as 10000-") } else { false } })
    ]
}

extension Disagreement {
    /// True when we reported at least one issue and `predicate` holds for each (its type, and the value it is about).
    func everyIssue(_ predicate: (String, JSONValue?) -> Bool) -> Bool {
        !outcome.issues.isEmpty
            && outcome.issues.allSatisfy { issue in
                predicate(issue.type, differentialCase.instance(at: Self.pointer(issue.loc.dropFirst())))
            }
    }

    /// True when the reference reported at least one error and `predicate` holds for each (its keyword, and the value).
    func everyReferenceError(_ predicate: (String, JSONValue?) -> Bool) -> Bool {
        !differentialCase.errors.isEmpty
            && differentialCase.errors.allSatisfy { error in
                guard let range = error.range(of: " at ") else { return false }
                return predicate(String(error[..<range.lowerBound]), differentialCase.instance(at: String(error[range.upperBound...])))
            }
    }
}

/// Small readers of instance values, for the allow-list's predicates.
enum Exact {
    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    static func substring(_ value: JSONValue?, _ from: Int, _ to: Int) -> String? {
        guard let text = string(value), text.count >= to else { return nil }
        return String(Array(text)[from..<to])
    }

    static func character(_ value: JSONValue?, at index: Int) -> Character? {
        guard let text = string(value), text.count > index else { return nil }
        return Array(text)[index]
    }

    /// A number whose exact value is an integer but whose text has a fraction or an exponent (`1.0`, `1e2`).
    static func isIntegerSpeltAsFloat(_ value: JSONValue?) -> Bool {
        guard case .number(let text)? = value, text.contains(where: { ".eE".contains($0) }), let exact = RoundTrip.exact(text) else { return false }
        return exact.exponent >= 0
    }

    /// A number whose nearest Double is another number (the shortest decimal that reads back as that Double differs).
    static func doubleChangesIt(_ value: JSONValue?) -> Bool {
        guard case .number(let text)? = value, let double = Double(text) else { return false }
        return RoundTrip.exact(text) != RoundTrip.exact(double.description)
    }

    /// A number whose exact value is an integer outside Int64.
    static func isIntegerBeyondInt64(_ value: JSONValue?) -> Bool {
        guard case .number(let text)? = value, let exact = RoundTrip.exact(text), exact.exponent >= 0 else { return false }
        if exact.digits.count + exact.exponent > 19 { return true }
        return Int64((exact.negative ? "-" : "") + exact.digits + String(repeating: "0", count: exact.exponent)) == nil
    }
}
