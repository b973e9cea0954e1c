/// What a spec says about linting at its root: `x-openapi-gen-lint: {disable: [rule-a, rule-b]}` silences the
/// warnings of those rules. Errors cannot be silenced: they mean the generated code would be wrong.
struct LintConfiguration {
    static let key = "x-openapi-gen-lint"
    var disabled: Set<String> = []

    /// No setting: nothing disabled.
    init() {}

    /// Reads the setting, reporting names that are no rule (with the nearest one) or that name an error rule.
    init(root: YAMLNode, diagnostics: DiagnosticCollector) {
        guard let setting = root[Self.key] else { return }
        guard setting.mapping != nil else {
            diagnostics.report(.lintConfiguration, "'\(Self.key)' must be a mapping such as '{disable: [unused-component]}'", at: setting.location)
            return
        }
        for (key, _) in setting.mapping ?? [] where key.scalar != "disable" {
            diagnostics.report(
                .lintConfiguration, "'\(key.scalar ?? "")' is not a setting of '\(Self.key)'; the one setting is 'disable: [rule, ...]'",
                at: key.location)
        }
        guard let list = setting["disable"] else { return }
        for item in list.sequence ?? [list] {
            guard let name = item.scalar else { continue }
            guard let rule = LintRule.named(name) else {
                var message = "'\(name)' is no lint rule"
                if let near = nearestName(to: name, in: LintRule.all.map(\.name)) {
                    message += "; did you mean '\(near)'?"
                } else {
                    message += "; 'openapi-gen lint --list-rules' lists them"
                }
                diagnostics.report(.lintConfiguration, message, at: item.location)
                continue
            }
            guard rule.canBeDisabled else {
                diagnostics.report(
                    .lintConfiguration,
                    "'\(name)' reports errors that would make the generated code wrong, so it cannot be disabled; fix what it reports",
                    at: item.location)
                continue
            }
            disabled.insert(name)
        }
    }

    /// Removes the findings of disabled rules.
    func apply(to diagnostics: DiagnosticCollector) {
        guard !disabled.isEmpty else { return }
        diagnostics.removeAll { $0.rule.map(disabled.contains) ?? false }
    }
}
