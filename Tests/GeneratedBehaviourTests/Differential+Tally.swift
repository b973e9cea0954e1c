/// The counts the differential test prints, and the disagreements no allow-list entry explains.
struct DifferentialTally {
    struct Counts {
        var instances = 0, valid = 0, agreements = 0
        var disagreements: [String: Int] = [:]
    }

    var documents: [String: Counts] = [:]
    /// Disagreements explained, by allow-list entry name.
    var allowed: [String: Int] = [:]
    var unexpected: [Disagreement] = []

    mutating func record(_ differentialCase: DifferentialCase, _ outcome: DecodeOutcome, _ kind: Disagreement.Kind?) {
        documents[differentialCase.document, default: Counts()].instances += 1
        if differentialCase.valid { documents[differentialCase.document, default: Counts()].valid += 1 }
        guard let kind else {
            documents[differentialCase.document, default: Counts()].agreements += 1
            return
        }
        documents[differentialCase.document, default: Counts()].disagreements[kind.name, default: 0] += 1
        let disagreement = Disagreement(kind: kind, differentialCase: differentialCase, outcome: outcome)
        if let allowance = DifferentialAllowList.entries.first(where: { $0.kind == kind.name && $0.explains(disagreement) }) {
            allowed[allowance.name, default: 0] += 1
        } else {
            unexpected.append(disagreement)
        }
    }

    func report() -> String {
        var lines = ["Differential test of the generated decoders against openapi-schema-validator:"]
        for (document, counts) in documents.sorted(by: { $0.key < $1.key }) {
            let kinds = counts.disagreements.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append(
                "  \(document): \(counts.instances) instances (\(counts.valid) valid, \(counts.instances - counts.valid) invalid per the reference), "
                    + "\(counts.agreements) agreements, \(counts.instances - counts.agreements) disagreements\(kinds.isEmpty ? "" : " (\(kinds))")")
        }
        for allowance in DifferentialAllowList.entries {
            lines.append("  allowed \(allowance.kind) '\(allowance.name)': \(allowed[allowance.name, default: 0])")
        }
        lines.append("  unexplained: \(unexpected.count)")
        lines += unexpected.prefix(500).map { "    \($0)" }
        return lines.joined(separator: "\n")
    }
}
