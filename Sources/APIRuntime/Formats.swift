import Foundation

/// The string `format`s that are checked (others are documentation only, as JSON Schema allows).
enum Formats {
    static func problem(_ format: StringRules.Format, _ text: String) -> (type: String, message: String)? {
        switch format {
        case .email:
            return emailProblem(text).map { ("value_error", "value is not a valid email address: \($0)") }
        case .uri:
            guard let scheme = text.split(separator: ":", maxSplits: 1).first, text.contains(":"),
                scheme.first?.isLetter == true, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
                !text.contains(where: { $0.isWhitespace })
            else {
                return ("url_parsing", "Input should be a valid URL, relative URL without a base")
            }
            return nil
        case .date:
            return RFC3339.parseDate(text) == nil ? ("date_from_datetime_parsing", "Input should be a valid date in the format YYYY-MM-DD") : nil
        case .ipv4:
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let valid =
                parts.count == 4
                && parts.allSatisfy { part in
                    !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && UInt8(part) != nil && (part == "0" || !part.hasPrefix("0"))
                }
            return valid ? nil : ("ip_v4_address", "Input is not a valid IPv4 address")
        case .ipv6:
            var address = in6_addr()
            return inet_pton(AF_INET6, text, &address) == 1 ? nil : ("ip_v6_address", "Input is not a valid IPv6 address")
        case .hostname:
            return hostnameProblem(text) == nil ? nil : ("value_error", "value is not a valid hostname")
        }
    }

    /// Why `text` is not a deliverable-looking address (RFC 5321 shapes, no quoted local parts), or nil.
    static func emailProblem(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return parts.count < 2 ? "An email address must have an @-sign." : "The email address contains more than one @-sign."
        }
        let local = parts[0]
        let domain = parts[1]
        if local.isEmpty { return "There must be something before the @-sign." }
        if local.utf8.count > 64 { return "The email address is too long before the @-sign." }
        let allowedLocal = Set("!#$%&'*+-/=?^_`{|}~.")
        if let bad = local.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) && !allowedLocal.contains($0) && $0.isASCII }) {
            return "The email address contains invalid characters before the @-sign: '\(bad)'."
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "The local part of the email address cannot start or end with a period or contain two periods in a row."
        }
        if domain.isEmpty { return "There must be something after the @-sign." }
        return hostnameProblem(domain, requireDot: true)
    }

    static func hostnameProblem(_ host: some StringProtocol, requireDot: Bool = false) -> String? {
        if host.utf8.count > 253 { return "The domain name is too long." }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if requireDot && labels.count < 2 { return "The part after the @-sign is not valid. It should have a period." }
        for label in labels {
            if label.isEmpty { return "An empty label is not allowed in a domain name." }
            if label.utf8.count > 63 { return "A label in the domain name is too long." }
            if label.hasPrefix("-") || label.hasSuffix("-") { return "A label in the domain name cannot start or end with a hyphen." }
            if let bad = label.first(where: { $0.isASCII && !($0.isLetter || $0.isNumber || $0 == "-") }) {
                return "The part after the @-sign contains invalid characters: '\(bad)'."
            }
        }
        if let last = labels.last, last.allSatisfy(\.isNumber) {
            return "The part after the @-sign is not valid. It is not within a valid top-level domain."
        }
        return nil
    }
}
