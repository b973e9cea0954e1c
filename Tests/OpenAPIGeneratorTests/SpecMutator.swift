/// SplitMix64: a tiny generator whose sequence depends only on its seed, so a failing case can be named by number.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0); the slight modulo bias does not matter here.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Seeded random edits of spec text: the ways YAML and OpenAPI documents break by accident, and the ways they are
/// built to hurt a parser (alias bombs, deep nesting, reference cycles).
struct SpecMutator {
    enum Edit: String, CaseIterable {
        case truncate, flipBits, insertBytes, deleteRange, insertSpecial, duplicateLine, deleteLine, reindent
        case aliases, aliasBomb, deepNesting, controlCharacters, hugeNumber, retargetRef, refCycle, wrongType, splice
    }

    static let specials = [
        ":", "-", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "#", "%", "@", "\t", ": ", "- ", "? ", "\n", "\r\n", "---\n", "<<: ",
        "!!str ", "`", ",",
    ]
    static let wrongValues = [
        "5", "yes", "[]", "{}", "null", "~", "''", "[1, 2]", "{a: b}", "true", "-1", "1.5", "1e999999", "[[[]]]", "{type: 5}", "*nowhere",
    ]
    static let keywords = [
        "type", "required", "properties", "items", "enum", "allOf", "oneOf", "paths", "responses", "parameters", "schema", "content", "in", "name",
        "additionalProperties", "discriminator", "format", "default", "minimum", "maxLength", "pattern", "security", "$ref", "requestBody",
        "operationId", "nullable",
    ]
    static let refs = [
        "'#/components/schemas/Nope'", "'#/components/schemas/'", "'#'", "'#/'", "'#/paths'", "'other.yaml#/X'", "5", "[]",
        "'#/components/parameters/x'", "'#/components/schemas/%ZZ'", "'#/info/title'", "'#/0/1'",
    ]
    static let numbers = [
        "1e999999", "-1e999999", "99999999999999999999999999999", "-9223372036854775809", ".inf", ".nan", "0x7f", "1_000", "-0", "4.9e-324",
    ]
    static let controls = ["\0", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{FFFE}", "\u{FFFD}"]

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// One to three edits of `text`; `donors` lend fragments for splicing.
    mutating func mutate(_ text: String, donors: [String]) -> (text: String, edits: [Edit]) {
        var bytes = Array(text.utf8)
        var edits: [Edit] = []
        for _ in 0..<random.pick([1, 1, 1, 2, 2, 3]) {
            let edit = random.pick(Edit.allCases)
            edits.append(edit)
            apply(edit, to: &bytes, donors: donors)
        }
        return (String(decoding: bytes, as: UTF8.self), edits)
    }

    private mutating func offset(in bytes: [UInt8]) -> Int { random.below(bytes.count + 1) }

    private mutating func insert(_ text: String, into bytes: inout [UInt8], at index: Int? = nil) {
        bytes.insert(contentsOf: Array(text.utf8), at: index ?? offset(in: bytes))
    }

    /// Replaces the value after a random `key:` (any key when empty) up to the end of its line, or of its flow
    /// member when a key is named; appends a line when there is no such key.
    private mutating func replaceValue(in bytes: inout [UInt8], with value: String, after key: String = "") {
        let keyBytes = Array(key.utf8)
        var starts: [Int] = []
        for colon in bytes.indices where bytes[colon] == UInt8(ascii: ":") {
            let next = colon + 1
            let keyStart = colon - keyBytes.count
            guard next == bytes.count || bytes[next] == 0x20 || bytes[next] == 0x0A else { continue }
            guard
                key.isEmpty
                    || (keyStart >= 0 && bytes[keyStart..<colon].elementsEqual(keyBytes) && (keyStart == 0 || !isWordByte(bytes[keyStart - 1])))
            else { continue }
            starts.append(next)
        }
        guard !starts.isEmpty else { return insert("\nx-fuzz: " + value, into: &bytes, at: bytes.count) }
        var start = random.pick(starts)
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        let end = bytes[start...].firstIndex { $0 == 0x0A || (!key.isEmpty && ($0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}"))) } ?? bytes.count
        bytes.replaceSubrange(start..<end, with: Array((" " + value).utf8))
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "$")
    }

    private static func withLines(_ bytes: inout [UInt8], _ body: (inout [ArraySlice<UInt8>]) -> Void) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        body(&lines)
        bytes = Array(lines.joined(separator: [0x0A]))
    }

    private mutating func apply(_ edit: Edit, to bytes: inout [UInt8], donors: [String]) {
        switch edit {
        case .truncate:
            bytes.removeLast(bytes.count - offset(in: bytes))
        case .flipBits:
            for _ in 0...random.below(8) where !bytes.isEmpty { bytes[random.below(bytes.count)] ^= 1 << random.below(8) }
        case .insertBytes:
            bytes.insert(contentsOf: (0...random.below(8)).map { _ in UInt8(random.below(256)) }, at: offset(in: bytes))
        case .deleteRange:
            let start = offset(in: bytes)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(64)))
        case .insertSpecial:
            for _ in 0...random.below(6) { insert(random.pick(Self.specials), into: &bytes) }
        case .duplicateLine:
            Self.withLines(&bytes) { lines in
                for _ in 0...random.below(4) { lines.insert(lines[random.below(lines.count)], at: random.below(lines.count + 1)) }
            }
        case .deleteLine:
            Self.withLines(&bytes) { lines in
                for _ in 0...random.below(6) where lines.count > 1 { lines.remove(at: random.below(lines.count)) }
            }
        case .reindent:
            Self.withLines(&bytes) { lines in
                for _ in 0...random.below(6) {
                    let index = random.below(lines.count)
                    switch random.below(4) {
                    case 0: lines[index] = lines[index].drop { $0 == 0x20 }
                    case 1: lines[index] = [0x09] + lines[index]
                    default: lines[index] = ArraySlice(repeating: 0x20, count: 1 + random.below(4)) + lines[index]
                    }
                }
            }
        case .aliases:
            let name = "fz\(random.below(3))"
            replaceValue(in: &bytes, with: "&\(name) {type: string}")
            for _ in 0...random.below(4) { replaceValue(in: &bytes, with: random.below(8) == 0 ? "*unknown" : "*\(name)") }
        case .aliasBomb:
            let levels = 3 + random.below(8)
            let width = 2 + random.below(9)
            let schemas = random.below(2) == 0
            var bomb = schemas ? "x-b0: &b0 {type: object, properties: {a: {type: string}}}\n" : "x-b0: &b0 [lol, lol]\n"
            for level in 1...levels {
                let uses = (0..<width).map { schemas ? "p\($0): *b\(level - 1)" : "*b\(level - 1)" }.joined(separator: ", ")
                bomb += schemas ? "x-b\(level): &b\(level) {type: object, properties: {\(uses)}}\n" : "x-b\(level): &b\(level) [\(uses)]\n"
            }
            let firstLineEnd = bytes.firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            insert(bomb, into: &bytes, at: firstLineEnd)
            replaceValue(in: &bytes, with: "*b\(levels)")
        case .deepNesting:
            let depth = random.pick([50, 127, 128, 129, 1_000, 20_000])
            let value: String
            switch random.below(4) {
            case 0: value = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            case 1: value = String(repeating: "{type: object, properties: {p: ", count: depth) + "{}" + String(repeating: "}}", count: depth)
            case 2: value = String(repeating: "{items: ", count: depth) + "{type: string}" + String(repeating: "}", count: depth)
            default: value = String(repeating: "[", count: depth)
            }
            replaceValue(in: &bytes, with: value)
        case .controlCharacters:
            for _ in 0...random.below(3) { insert(random.pick(Self.controls), into: &bytes) }
        case .hugeNumber:
            let keyword = random.pick(["minimum", "maximum", "minLength", "maxItems", "multipleOf", "default", "exclusiveMinimum", "enum", "const"])
            replaceValue(
                in: &bytes, with: "{type: integer, \(keyword): \(random.pick(Self.numbers))}", after: random.pick(["schema", "items", "type"]))
        case .retargetRef:
            for _ in 0...random.below(3) { replaceValue(in: &bytes, with: random.pick(Self.refs), after: "$ref") }
        case .refCycle:
            let cycles = [
                "{$ref: '#/components/schemas/Cycle'}", "{type: array, items: {$ref: '#/components/schemas/Cycle'}}",
                "{allOf: [{$ref: '#/components/schemas/Cycle'}]}", "{oneOf: [{$ref: '#/components/schemas/Cycle'}, {type: 'null'}]}",
                "{type: object, properties: {a: {$ref: '#/components/schemas/Cycle/properties/a'}}}",
                "{type: object, additionalProperties: {$ref: '#/components/schemas/Cycle'}}",
            ]
            let cycle = "    Cycle: \(random.pick(cycles))\n    Other: {$ref: '#/components/schemas/Cycle'}\n"
            let marker = Array("\n  schemas:\n".utf8)
            if let index = bytes.indices.first(where: { bytes[$0] == 0x0A && bytes[$0...].starts(with: marker) }) {
                insert(cycle, into: &bytes, at: index + marker.count)
            } else {
                insert("\ncomponents:\n  schemas:\n" + cycle, into: &bytes, at: bytes.count)
            }
        case .wrongType:
            for _ in 0...random.below(4) { replaceValue(in: &bytes, with: random.pick(Self.wrongValues), after: random.pick(Self.keywords)) }
        case .splice:
            let donor = Array(random.pick(donors).utf8)
            let start = offset(in: donor)
            insert(String(decoding: donor[start..<min(donor.count, start + random.below(2_000))], as: UTF8.self), into: &bytes)
        }
    }
}
