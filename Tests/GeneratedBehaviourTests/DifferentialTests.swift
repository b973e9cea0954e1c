import APIRuntime
import Foundation
import Testing

// The differential test: every instance of a cases file (Tests/differential/cases.py writes it, labelled with
// openapi-schema-validator's verdict; scripts/differential.sh runs both) goes through the generated validating
// decoder of its schema (Differential+Decoders.swift). Accepting or refusing must agree with the reference, and an
// accepted instance must encode back to what the spec allows (Differential+Compare.swift). A disagreement fails the
// test unless an entry of the allow-list (Differential+AllowList.swift) explains it; an entry that explains nothing
// fails it too, so the list cannot outlive what it excuses.

@Suite("Generated validation against openapi-schema-validator")
struct DifferentialTests {
    static let casesPath = ProcessInfo.processInfo.environment["DIFFERENTIAL_CASES"]

    @Test(.enabled(if: casesPath != nil, "DIFFERENTIAL_CASES is unset: scripts/differential.sh generates the cases and sets it"))
    func generatedDecodersAgreeWithTheReference() throws {
        let cases = try DifferentialCase.load(path: try #require(Self.casesPath))
        #expect(cases.count > 1000, "too few cases to mean much: \(cases.count)")
        var tally = DifferentialTally()
        for differentialCase in cases {
            guard let decode = DifferentialDecoders.table[differentialCase.document]?[differentialCase.schema] else {
                Issue.record("no decoder for \(differentialCase.document) \(differentialCase.schema): add it to DifferentialDecoders.table")
                continue
            }
            let outcome = decode(differentialCase.instance)
            tally.record(differentialCase, outcome, Self.judge(differentialCase, outcome))
        }
        print(tally.report())
        // Each unexplained disagreement is printed on one line by report(); the issues name the first few.
        for disagreement in tally.unexpected.prefix(10) {
            Issue.record("unexplained disagreement: \(disagreement)")
        }
        if tally.unexpected.count > 10 { Issue.record("\(tally.unexpected.count) unexplained disagreements in all (listed above)") }
        for allowance in DifferentialAllowList.entries where tally.allowed[allowance.name, default: 0] == 0 {
            Issue.record("allow-list entry '\(allowance.name)' explains no disagreement any more: remove it")
        }
        let schemasSeen = Set(cases.map { "\($0.document) \($0.schema)" })
        let schemasInTable = Set(DifferentialDecoders.table.flatMap { document, schemas in schemas.keys.map { "\(document) \($0)" } })
        #expect(
            schemasInTable.subtracting(schemasSeen).isEmpty, "schemas with a decoder but no case: \(schemasInTable.subtracting(schemasSeen).sorted())"
        )
    }

    /// Whether `outcome` disagrees with the reference's verdict on `differentialCase`, and how.
    static func judge(_ differentialCase: DifferentialCase, _ outcome: DecodeOutcome) -> Disagreement.Kind? {
        // A value with issues, or no value and no issue: generated decoders promise neither.
        if outcome.decoded != outcome.issues.isEmpty {
            return .inconsistent
        }
        switch (differentialCase.valid, outcome.accepted) {
        case (false, false): return nil
        case (false, true): return .acceptedInvalid
        case (true, false): return .refusedValid
        case (true, true):
            guard let expected = differentialCase.expected, let encoded = outcome.encoded else { return .roundTrip("nothing to compare") }
            let comparison = RoundTrip(datetimes: differentialCase.datetimes, doubles: differentialCase.doubles)
            return comparison.difference(expected: expected, actual: encoded).map { .roundTrip($0) }
        }
    }
}

/// What one generated decoder made of one instance.
struct DecodeOutcome {
    /// The decoder returned a value.
    var decoded: Bool
    var issues: [ValidationIssue]
    /// `jsonValue` of the decoded value.
    var encoded: JSONValue?

    /// What a request handler does: a value and no issue (`DecodeContext.check()` throws on any issue).
    var accepted: Bool { decoded && issues.isEmpty }
}
