import ArgumentParser
import PromptScanCore

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or run every rule's examples.",
        subcommands: [List.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the loaded rules: id, category, severity, name.")

        @Option(name: .long, help: "Also load rules from this file or directory (repeatable).")
        var rules: [String] = []

        func run() throws {
            do {
                let loaded = try RuleCatalog.load(extra: rules)
                _ = try RuleSet(loaded)
                let width = loaded.map(\.id.count).max() ?? 0
                var text = ""
                for rule in loaded {
                    text += rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                    text += rule.category.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0)
                    text += rule.severity.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    text += rule.name + "\n"
                }
                text += "\(loaded.count) rules\n"
                Console.out(text)
            } catch {
                throw fail(error)
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every rule's examples and negative examples (the default rules, or the rule files at PATH).")

        @Argument(help: "A rule file or a directory of rule files; the built-in rules when omitted.")
        var path: String?

        func run() throws {
            let loaded: [PromptScanCore.Rule]
            let ruleSet: RuleSet
            do {
                if let path {
                    loaded = try RuleCatalog.load(extra: [path], includeDefaults: false)
                } else {
                    loaded = try RuleCatalog.defaultRules()
                }
                ruleSet = try RuleSet(loaded)
            } catch {
                throw fail(error)
            }
            let failures = RuleTester(ruleSet: ruleSet).run()
            for failure in failures { Console.error(failure.description) }
            let examples = loaded.reduce(0) { $0 + $1.examples.count }
            let negatives = loaded.reduce(0) { $0 + $1.negativeExamples.count }
            let broken = Set(failures.map(\.ruleID)).count
            Console.out("\(loaded.count - broken) passed, \(broken) failed (\(examples) examples, \(negatives) negative examples)\n")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
