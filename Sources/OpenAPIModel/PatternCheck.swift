import Foundation

/// Checks at generation time that a `pattern` compiles, so a typo is reported at its line, not at run time.
enum PatternCheck {
    static func isValid(_ pattern: String) -> Bool {
        (try? NSRegularExpression(pattern: pattern)) != nil
    }
}
