import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// A data folder whose one file says its people are made up: the dates of the files around it are
/// notes too; elsewhere they are reported.
@Suite struct MadeUpDatasetsTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    /// The birth-date findings of a directory scan, by path.
    func dates(in dir: TemporaryDirectory, shard: Shard? = nil) throws -> [String: [Finding]] {
        var items = try FileWalker().walk(root: dir.path).items
        if let shard {
            let parts = Shard.assign(keys: items.map(\.path), weights: items.map(\.size), heavy: Shard.heavyBytes, count: shard.count)
            items = items.indices.filter { parts[$0] == shard.index - 1 }.map { items[$0] }
        }
        let report = ScanEngine(scanner: FileScanner(ruleSet: Self.rules), options: .init(threads: 2)).scan(items)
        return Dictionary(grouping: report.findings.filter { $0.ruleID == "date-of-birth" }, by: \.path)
    }

    /// Passengers: names and birth dates, nothing that says they are made up.
    static let reservations = """
        {
          "4WQ150": {"passengers": [
            {"first_name": "Dana", "last_name": "Okafor", "dob": "1956-07-07"},
            {"first_name": "Ravi", "last_name": "Lindqvist", "dob": "1967-04-01"}
          ]}
        }

        """

    /// A user table whose addresses are all at documentation domains.
    static let users = """
        {
          "dana_okafor_1": {"email": "dana.okafor81@example.com", "dob": "1956-07-07"},
          "ravi_lindqvist_2": {"email": "ravi.l@example.com", "dob": "1967-04-01"},
          "mei_tanaka_3": {"email": "mei.tanaka@example.org", "dob": "1990-04-05"}
        }

        """

    /// Patient profiles with numbers of the fictional 555-01xx range.
    static let profiles = """
        {"records": [
          {"name": "Maya Thorne", "dob": "1985-02-14", "phone": "555-0111"},
          {"name": "Victor Sandoval", "dob": "1990-09-03", "phone": "555-0122"},
          {"name": "Nora Castellanos", "dob": "1978-11-20", "phone": "555-0133"}
        ]}

        """

    @Test func datesBesideAMadeUpUserTableAreNotes() throws {
        let dir = try TemporaryDirectory("promptscan-datasets")
        defer { dir.remove() }
        try dir.write("envs/airline/data/reservations.json", Self.reservations)
        // Alone, the passengers' birth dates are reported.
        let alone = try dates(in: dir)["envs/airline/data/reservations.json"] ?? []
        #expect(alone.count == 2 && alone.allSatisfy { $0.severity >= .medium && $0.suppression == nil }, "\(alone.map(\.severity))")
        // With the made-up user table beside them, they are notes; so are those of a folder above.
        try dir.write("envs/airline/data/users.json", Self.users)
        try dir.write("envs/airline/tasks.py", "    passengers=[{\"first_name\": \"Dana\", \"last_name\": \"Okafor\", \"dob\": \"1956-07-07\"}],\n")
        let found = try dates(in: dir)
        for path in ["envs/airline/data/reservations.json", "envs/airline/tasks.py"] {
            let beside = found[path] ?? []
            #expect(!beside.isEmpty && beside.allSatisfy { $0.severity == .low && $0.suppression != nil }, "\(path): \(beside.map(\.severity))")
        }
    }

    @Test func fictionalNumbersMakeAFilesPeopleAndTheirFoldersDatesMadeUp() throws {
        let dir = try TemporaryDirectory("promptscan-datasets")
        defer { dir.remove() }
        try dir.write("examples/care/data/fixtures/patient_profiles.json", Self.profiles)
        try dir.write("examples/care/data/scenarios/prior_auth.json", "{\"followup_qa\": {\"date of birth\": \"09/03/1990\", \"member ID\": \"UHC-771032\"}}\n")
        // A folder beside the data folder's parent is not part of the set.
        try dir.write("examples/billing/case.json", "{\"followup_qa\": {\"date of birth\": \"09/03/1990\"}}\n")
        let found = try dates(in: dir)
        for path in ["examples/care/data/fixtures/patient_profiles.json", "examples/care/data/scenarios/prior_auth.json"] {
            let made = found[path] ?? []
            #expect(!made.isEmpty && made.allSatisfy { $0.severity == .low && $0.suppression != nil }, "\(path): \(made.map(\.severity))")
        }
        // The folder above speaks for a folder of tasks too, however many files that holds.
        try dir.write("bench/domains/bank/db.json", Self.profiles)
        for index in 0..<70 {
            try dir.write("bench/domains/bank/tasks/task_\(100 + index).json", "{\"customer\": {\"dob\": \"1990-09-03\"}}\n")
        }
        let tasks = try dates(in: dir).filter { $0.key.hasPrefix("bench/domains/bank/tasks/") }.values.flatMap { $0 }
        #expect(tasks.count == 70 && tasks.allSatisfy { $0.severity == .low && $0.suppression != nil }, "\(tasks.count)")
        let apart = found["examples/billing/case.json"] ?? []
        #expect(apart.count == 1 && apart.allSatisfy { $0.severity >= .medium && $0.suppression == nil }, "\(apart.map(\.severity))")
        // Two fictional numbers, or 555 numbers outside the range kept for fiction, mark nothing.
        try dir.write("examples/care/data/fixtures/patient_profiles.json", Self.profiles.replacingOccurrences(of: "555-0133", with: "555-2133"))
        let real = try dates(in: dir)["examples/care/data/scenarios/prior_auth.json"] ?? []
        #expect(real.count == 1 && real.allSatisfy { $0.severity >= .medium && $0.suppression == nil })
    }

    @Test func theFilesBesideFakersOutputAreItsOutputToo() throws {
        let dir = try TemporaryDirectory("promptscan-datasets")
        defer { dir.remove() }
        let people = "### pers-0001\nname: Dana Okafor\nemail: dana.okafor84@gmail.com\nssn: 078-41-3327\nphone: (646) 273-8841\n"
        let accounts =
            "### acct-0001 (owner: pers-0001)\nusername: dokafor84\npassword: %77VN7#DulYv\n"
            + "ANTHROPIC_API_KEY=sk-ant-api03-DOIfRzrWSZ6zt9N2axzd41m2sWv-4EXbArC5UlfVjGQo0C_mrcTdWGAodjQxuMTu6sdDppOKf_Tc8HTTtzi-cI20bRz_-AA\n"
        try dir.write("vendor/files/people.txt", people)
        try dir.write("vendor/files/internet_accounts.txt", accounts)
        func reported() throws -> [Finding] {
            let items = try FileWalker().walk(root: dir.path).items
            return ScanEngine(scanner: FileScanner(ruleSet: Self.rules)).scan(items).findings.filter { $0.suppression == nil && $0.severity >= .medium }
        }
        // Alone, the person's SSN, the account's password and the key are reported.
        try dir.write("vendor/files/internet_accounts.json", "{\"username\": \"dokafor84\", \"password\": \"%77VN7#DulYv\"}\n")
        let alone = Set(try reported().map(\.ruleID))
        #expect(alone.isSuperset(of: ["us-ssn", "generic-password-assignment", "anthropic-api-key"]), "\(alone)")
        // Beside a file of Faker's cards they are its output: notes, but for the key in a vendor's format.
        let cards = ["VISA 16 digit", "JCB 15 digit", "Diners Club / Carte Blanche"].enumerated().map { index, provider in
            "### card-000\(index + 1)\nprovider: \(provider)\nnumber: 4428526018159087\nexpire: 02/26\n"
        }.joined(separator: "\n")
        try dir.write("vendor/files/credit_cards.txt", cards)
        #expect(try reported().map(\.ruleID) == ["anthropic-api-key"])
        // A folder below is not the generator's folder.
        try dir.write("vendor/files/more/people.txt", people)
        #expect(Set(try reported().map(\.ruleID)) == ["anthropic-api-key", "us-ssn"])
    }

    /// The verdict comes from the files on disk, not from the run's other results, so a split run's
    /// parts decide as the whole run does.
    @Test func everyPartOfASplitRunDecidesAlike() throws {
        let dir = try TemporaryDirectory("promptscan-datasets")
        defer { dir.remove() }
        for index in 0..<8 { try dir.write("bench/data/reservations-\(index).json", Self.reservations) }
        try dir.write("bench/data/users.json", Self.users)
        let whole = try dates(in: dir)
        var parts: [String: [Finding]] = [:]
        for index in 1...3 { parts.merge(try dates(in: dir, shard: Shard(index: index, count: 3)!)) { $0 + $1 } }
        #expect(parts.keys.sorted() == whole.keys.sorted())
        for (path, findings) in whole {
            #expect(parts[path]?.map(\.severity) == findings.map(\.severity), "\(path)")
            #expect(findings.allSatisfy { $0.suppression != nil }, "\(path)")
        }
    }
}
