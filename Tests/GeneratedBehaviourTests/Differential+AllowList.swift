import APIRuntime
import Foundation

/// A disagreement that is not a defect of the generated validation: an intentional difference, or a quirk of the
/// reference. Each says why, and matches as narrowly as it can (kind, our issue types, the reference's keywords).
struct Allowance: Sendable {
    var name: String
    /// Disagreement.Kind.name: "refused-valid", "accepted-invalid", "round-trip" or "inconsistent".
    var kind: String
    var why: String
    var explains: @Sendable (Disagreement) -> Bool
}

enum DifferentialAllowList {
    static let entries: [Allowance] = []
}
