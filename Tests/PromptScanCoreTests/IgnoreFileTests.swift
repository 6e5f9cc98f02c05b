import Testing

@testable import PromptScanCore

/// Shorthand: match a path against a root-level ignore file.
private func check(_ contents: String, _ path: String, dir: Bool = false, base: String = "") -> Bool? {
    IgnoreFile(contents: contents, base: base).match(path, isDirectory: dir)
}

@Suite("IgnoreFile parsing")
struct IgnoreFileParsingTests {
    @Test func blankLinesAndCommentsAreSkipped() {
        let file = IgnoreFile(contents: "\n# a comment\n   \n\n#*.txt\n", base: "")
        #expect(file.isEmpty)
        #expect(file.match("a.txt", isDirectory: false) == nil)
        #expect(file.match("# a comment", isDirectory: false) == nil)
    }

    @Test func hashNotAtStartIsLiteral() {
        #expect(check("a#b", "a#b") == true)
        #expect(check(" #x", " #x") == true)  // leading space: not a comment
    }

    @Test func escapedHashIsAPattern() {
        #expect(check("\\#file", "#file") == true)
        #expect(check("\\#file", "file") == nil)
        #expect(check("\\#*", "#notes.md") == true)
    }

    @Test func trailingSpacesAreTrimmed() {
        #expect(check("foo   ", "foo") == true)
        #expect(check("foo   ", "foo   ") == nil)
        #expect(check("build/  ", "build", dir: true) == true)
        #expect(check("build/  ", "build", dir: false) == nil)
    }

    @Test func escapedTrailingSpaceIsKept() {
        #expect(check("foo\\ ", "foo ") == true)
        #expect(check("foo\\ ", "foo") == nil)
        // Only the spaces after the escaped one are trimmed.
        #expect(check("foo\\   ", "foo ") == true)
        #expect(check("foo\\   ", "foo  ") == nil)
    }

    @Test func leadingAndInnerSpacesAreKept() {
        #expect(check(" foo", " foo") == true)
        #expect(check(" foo", "foo") == nil)
        #expect(check("a b", "a b") == true)
    }

    @Test func trailingTabIsNotTrimmed() {
        #expect(check("foo\t", "foo\t") == true)
        #expect(check("foo\t", "foo") == nil)
    }

    @Test func crlfLineEndings() {
        let file = IgnoreFile(contents: "*.log\r\n!keep.log\r\nbuild/\r\n# c\r\n\r\n", base: "")
        #expect(file.match("x.log", isDirectory: false) == true)
        #expect(file.match("keep.log", isDirectory: false) == false)
        #expect(file.match("build", isDirectory: true) == true)
        #expect(file.match("build", isDirectory: false) == nil)
    }

    @Test func crOnLastLineWithoutNewline() {
        #expect(check("a\nfoo\r", "foo") == true)
    }

    @Test func byteOrderMarkIsSkipped() {
        #expect(check("\u{FEFF}foo\n", "foo") == true)
        #expect(check("\u{FEFF}#comment\n", "#comment") == nil)
    }

    @Test func noTrailingNewline() {
        #expect(check("foo", "foo") == true)
    }

    @Test func degeneratePatternsNeverMatch() {
        let file = IgnoreFile(contents: "!\n/\n!/\n", base: "")
        #expect(file.isEmpty)
        #expect(file.match("a", isDirectory: true) == nil)
    }
}

@Suite("IgnoreFile negation and precedence")
struct IgnoreFileNegationTests {
    @Test func negationReincludes() {
        let file = IgnoreFile(contents: "*.log\n!important.log\n", base: "")
        #expect(file.match("debug.log", isDirectory: false) == true)
        #expect(file.match("important.log", isDirectory: false) == false)
        #expect(file.match("readme.md", isDirectory: false) == nil)
    }

    @Test func lastMatchingPatternWins() {
        let file = IgnoreFile(contents: "!important.log\n*.log\n", base: "")
        #expect(file.match("important.log", isDirectory: false) == true)
        let again = IgnoreFile(contents: "*.log\n!*.log\n*.log\n", base: "")
        #expect(again.match("a.log", isDirectory: false) == true)
        let reinc = IgnoreFile(contents: "*.log\n!*.log\n", base: "")
        #expect(reinc.match("a.log", isDirectory: false) == false)
    }

    @Test func escapedBangIsLiteral() {
        #expect(check("\\!important", "!important") == true)
        #expect(check("\\!important", "important") == nil)
    }

    @Test func negatedDirectoryOnlyPattern() {
        let file = IgnoreFile(contents: "*\n!*/\n", base: "")
        #expect(file.match("src", isDirectory: true) == false)
        #expect(file.match("main.swift", isDirectory: false) == true)
    }
}

@Suite("IgnoreFile directories and anchoring")
struct IgnoreFileAnchoringTests {
    @Test func trailingSlashMatchesDirectoriesOnly() {
        #expect(check("build/", "build", dir: true) == true)
        #expect(check("build/", "build", dir: false) == nil)
        #expect(check("build/", "src/build", dir: true) == true)
        #expect(check("build/", "src/build", dir: false) == nil)
    }

    @Test func patternWithoutSlashMatchesAtAnyDepth() {
        #expect(check("foo", "foo") == true)
        #expect(check("foo", "a/foo") == true)
        #expect(check("foo", "a/b/c/foo", dir: true) == true)
        #expect(check("foo", "foobar") == nil)
        #expect(check("foo", "a/foo.txt") == nil)
        #expect(check("*.o", "lib/x/y.o") == true)
    }

    @Test func leadingSlashAnchorsToBase() {
        #expect(check("/foo", "foo") == true)
        #expect(check("/foo", "a/foo") == nil)
        #expect(check("/*.c", "cat-file.c") == true)
        #expect(check("/*.c", "mozilla-sha1/sha1.c") == nil)
    }

    @Test func middleSlashAnchorsToBase() {
        #expect(check("doc/frotz", "doc/frotz") == true)
        #expect(check("doc/frotz", "a/doc/frotz") == nil)
        #expect(check("doc/frotz/", "doc/frotz", dir: true) == true)
        #expect(check("doc/frotz/", "a/doc/frotz", dir: true) == nil)
        #expect(check("doc/frotz/", "doc/frotz", dir: false) == nil)
    }

    @Test func trailingSlashAloneDoesNotAnchor() {
        // "frotz/" has only a trailing slash, so it matches at any depth.
        #expect(check("frotz/", "a/frotz", dir: true) == true)
        #expect(check("frotz/", "a/b/frotz", dir: true) == true)
    }

    @Test func anchoredToNestedBase() {
        let file = IgnoreFile(contents: "/foo\nbar/baz\n*.tmp\n", base: "sub/dir")
        #expect(file.match("sub/dir/foo", isDirectory: false) == true)
        #expect(file.match("sub/dir/x/foo", isDirectory: false) == nil)
        #expect(file.match("sub/dir/bar/baz", isDirectory: false) == true)
        #expect(file.match("sub/dir/x/bar/baz", isDirectory: false) == nil)
        #expect(file.match("sub/dir/a/b.tmp", isDirectory: false) == true)
    }

    @Test func patternsOnlyApplyBelowBase() {
        let file = IgnoreFile(contents: "*.tmp\nfoo\n*\n", base: "sub")
        #expect(file.match("x.tmp", isDirectory: false) == nil)
        #expect(file.match("other/x.tmp", isDirectory: false) == nil)
        #expect(file.match("subway/x.tmp", isDirectory: false) == nil)  // prefix of name, not a directory
        #expect(file.match("sub", isDirectory: true) == nil)  // the base itself
        #expect(file.match("sub/x.tmp", isDirectory: false) == true)
        #expect(file.match("sub/a/foo", isDirectory: false) == true)
    }

    @Test func baseIsNormalized() {
        let file = IgnoreFile(contents: "/foo\n", base: "sub/")
        #expect(file.match("sub/foo", isDirectory: false) == true)
        let dot = IgnoreFile(contents: "/foo\n", base: ".")
        #expect(dot.match("foo", isDirectory: false) == true)
    }
}

@Suite("IgnoreFile wildcards")
struct IgnoreFileWildcardTests {
    @Test func starDoesNotCrossSlash() {
        #expect(check("*.txt", "a.txt") == true)
        #expect(check("*.txt", ".txt") == true)
        #expect(check("doc/*.txt", "doc/a.txt") == true)
        #expect(check("doc/*.txt", "doc/sub/a.txt") == nil)
        #expect(check("a/*", "a/b") == true)
        #expect(check("a/*", "a/b/c") == nil)
        #expect(check("a*b", "a/b") == nil)
        #expect(check("foo/*/bar", "foo/x/bar") == true)
        #expect(check("foo/*/bar", "foo/bar") == nil)
        #expect(check("foo/*/bar", "foo/x/y/bar") == nil)
    }

    @Test func starMatchesEmpty() {
        #expect(check("foo*", "foo") == true)
        #expect(check("*", "anything") == true)
        #expect(check("a*b*c", "abc") == true)
        #expect(check("a*b*c", "axxbyyc") == true)
        #expect(check("a*b*c", "axxbyy") == nil)
    }

    @Test func questionMarkMatchesOneNonSlash() {
        #expect(check("?.c", "a.c") == true)
        #expect(check("?.c", "ab.c") == nil)
        #expect(check("?.c", ".c") == nil)
        #expect(check("a?b", "a/b") == nil)
        #expect(check("a?b", "axb") == true)
    }

    @Test func characterClasses() {
        #expect(check("[abc].txt", "b.txt") == true)
        #expect(check("[abc].txt", "d.txt") == nil)
        #expect(check("file[0-9]", "file7") == true)
        #expect(check("file[0-9]", "filex") == nil)
        #expect(check("[a-cx-z]", "y") == true)
        #expect(check("[a-cx-z]", "m") == nil)
    }

    @Test func negatedCharacterClasses() {
        #expect(check("[!a-c]x", "dx") == true)
        #expect(check("[!a-c]x", "bx") == nil)
        #expect(check("[^a-c]x", "dx") == true)
        #expect(check("[^a-c]x", "ax") == nil)
    }

    @Test func characterClassEdgeCases() {
        #expect(check("[]]", "]") == true)  // "]" first is a member
        #expect(check("[!]]", "a") == true)
        #expect(check("[!]]", "]") == nil)
        #expect(check("[a-]", "-") == true)  // trailing "-" is literal
        #expect(check("[\\]]", "]") == true)  // escaped "]"
        #expect(check("[[:digit:]]x", "5x") == true)
        #expect(check("[[:digit:]]x", "ax") == nil)
        #expect(check("[[:alpha:][:digit:]]", "Q") == true)
        #expect(check("[[:upper:]]*", "Readme") == true)
        #expect(check("[[:upper:]]*", "readme") == nil)
        #expect(check("a[/]b", "a/b") == nil)  // a class never matches "/"
        #expect(check("a[!x]b", "a/b") == nil)
        #expect(check("[abc", "a") == nil)  // unterminated class never matches
        #expect(check("[[:bogus:]]", "a") == nil)
    }

    @Test func backslashEscapes() {
        #expect(check("\\*.txt", "*.txt") == true)
        #expect(check("\\*.txt", "a.txt") == nil)
        #expect(check("a\\?", "a?") == true)
        #expect(check("a\\?", "ab") == nil)
        #expect(check("\\[x]", "[x]") == true)
        #expect(check("\\[x]", "x") == nil)
        #expect(check("\\a", "a") == true)  // escaping an ordinary character
        #expect(check("foo\\", "foo") == nil)  // trailing backslash never matches
    }

    @Test func caseSensitive() {
        #expect(check("*.LOG", "a.log") == nil)
        #expect(check("Makefile", "makefile") == nil)
    }

    @Test func nonASCIINames() {
        #expect(check("résumé.txt", "docs/résumé.txt") == true)
        #expect(check("*.txt", "日本語.txt") == true)
        #expect(check("日本/*", "日本/x") == true)
    }
}

@Suite("IgnoreFile double asterisks")
struct IgnoreFileDoubleStarTests {
    @Test func leadingDoubleStar() {
        #expect(check("**/foo", "foo") == true)
        #expect(check("**/foo", "a/foo") == true)
        #expect(check("**/foo", "a/b/foo", dir: true) == true)
        #expect(check("**/foo", "a/foobar") == nil)
        #expect(check("**/foo/bar", "foo/bar") == true)
        #expect(check("**/foo/bar", "x/y/foo/bar") == true)
        #expect(check("**/foo/bar", "x/foo/baz/bar") == nil)
    }

    @Test func trailingDoubleStar() {
        #expect(check("abc/**", "abc/x") == true)
        #expect(check("abc/**", "abc/x/y/z") == true)
        #expect(check("abc/**", "abc/d", dir: true) == true)
        #expect(check("abc/**", "abc", dir: true) == nil)  // only what is inside
        #expect(check("abc/**", "x/abc/y") == nil)  // anchored
    }

    @Test func middleDoubleStar() {
        #expect(check("a/**/b", "a/b") == true)
        #expect(check("a/**/b", "a/x/b") == true)
        #expect(check("a/**/b", "a/x/y/b") == true)
        #expect(check("a/**/b", "a/x/y/c") == nil)
        #expect(check("a/**/b", "x/a/b") == nil)
        #expect(check("a/**/**/b", "a/b") == true)
        #expect(check("a/**/b/**/c", "a/1/b/2/3/c") == true)
    }

    @Test func doubleStarNotBetweenSlashesIsPlainStar() {
        #expect(check("a**b", "axxb") == true)
        #expect(check("a**b", "a/b") == nil)
        #expect(check("foo/**bar", "foo/xbar") == true)
        #expect(check("foo/**bar", "foo/x/bar") == nil)
        #expect(check("**foo", "afoo") == true)
        #expect(check("**foo", "a/foo") == true)  // no slash in pattern: basename match
    }

    @Test func loneDoubleStarMatchesEverything() {
        #expect(check("**", "a") == true)
        #expect(check("**", "a/b/c") == true)
        #expect(check("/**", "a/b") == true)
    }

    @Test func doubleStarWithTrailingSlash() {
        #expect(check("**/build/", "x/build", dir: true) == true)
        #expect(check("**/build/", "x/build", dir: false) == nil)
        #expect(check("a/**/", "a/b/c", dir: true) == true)
        #expect(check("a/**/", "a/b/c", dir: false) == nil)
    }

    @Test func doubleStarRelativeToNestedBase() {
        let file = IgnoreFile(contents: "**/gen\nout/**\n", base: "pkg")
        #expect(file.match("pkg/gen", isDirectory: true) == true)
        #expect(file.match("pkg/a/b/gen", isDirectory: true) == true)
        #expect(file.match("pkg/out/x", isDirectory: false) == true)
        #expect(file.match("gen", isDirectory: true) == nil)
        #expect(file.match("other/out/x", isDirectory: false) == nil)
    }
}

@Suite("Wildmatch")
struct WildmatchTests {
    // A selection of cases from git's t/t3070-wildmatch.sh (the "pathmatch"/wildmatch column).
    @Test(
        arguments: [
            ("foo", "foo", true), ("bar", "foo", false), ("", "", true),
            ("???", "foo", true), ("??", "foo", false), ("*", "foo", true), ("f*", "foo", true),
            ("*f", "foo", false), ("*foo*", "foo", true), ("*ob*a*r*", "foobar", true),
            ("*ab", "aaaaaaabababab", true), ("foo\\*", "foo*", true), ("foo\\*bar", "foobar", false),
            ("f\\\\oo", "f\\oo", true), ("*[al]?", "ball", true), ("[ten]", "ten", false),
            ("**[!te]", "ten", true), ("**[!ten]", "ten", false), ("t[a-g]n", "ten", true),
            ("t[!a-g]n", "ten", false), ("t[!a-g]n", "ton", true), ("t[^a-g]n", "ton", true),
            ("a[]]b", "a]b", true), ("a[]-]b", "a-b", true), ("a[]-]b", "a]b", true),
            ("a[]-]b", "aab", false), ("a[]a-]b", "aab", true), ("]", "]", true),
            ("foo*bar", "foo/baz/bar", false), ("foo**bar", "foo/baz/bar", false),
            ("foo**bar", "foobazbar", true), ("foo/**/bar", "foo/baz/bar", true),
            ("foo/**/**/bar", "foo/baz/bar", true), ("foo/**/bar", "foo/b/a/z/bar", true),
            ("foo/**/**/bar", "foo/b/a/z/bar", true), ("foo/**/bar", "foo/bar", true),
            ("foo/**/**/bar", "foo/bar", true), ("foo?bar", "foo/bar", false),
            ("foo[/]bar", "foo/bar", false), ("foo[^a-z]bar", "foo/bar", false),
            ("f[^eiu][^eiu][^eiu][^eiu][^eiu]r", "foo-bar", true),
            ("**/foo", "foo", true), ("**/foo", "XXX/foo", true), ("**/foo", "bar/baz/foo", true),
            ("*/foo", "bar/baz/foo", false), ("**/bar*", "foo/bar/baz", false),
            ("**/bar/*", "deep/foo/bar/baz", true), ("**/bar/*", "deep/foo/bar/baz/", false),
            ("**/bar/**", "deep/foo/bar/baz/", true), ("**/bar/*", "deep/foo/bar", false),
            ("**/bar/**", "deep/foo/bar/", true), ("**/bar**", "foo/bar/baz", false),
            ("*/bar/**", "foo/bar/baz/x", true), ("*/bar/**", "deep/foo/bar/baz/x", false),
            ("**/bar/*/*", "deep/foo/bar/baz/x", true),
            ("a[c-c]st", "acrt", false), ("a[c-c]rt", "acrt", true),
            ("[!]-]", "]", false), ("[!]-]", "a", true), ("\\", "", false), ("\\", "\\", false),
            ("*/\\", "XXX/\\", false), ("*/\\\\", "XXX/\\", true),
            ("[\\-^]", "]", false), ("[\\-^]", "[", false), ("[\\]]", "]", true),
            ("[\\]]", "\\]", false), ("[\\]]", "\\", false), ("a[]b", "ab", false),
            ("ab[", "ab[", false), ("[!", "ab", false), ("[-", "ab", false), ("[-]", "-", true),
            ("[a-", "-", false), ("[!a-", "-", false), ("[--A]", "-", true), ("[--A]", "5", true),
            ("[ --]", " ", true), ("[ --]", "$", true), ("[ --]", "-", true), ("[ --]", "0", false),
            ("[---]", "-", true), ("[------]", "-", true), ("[a-e-n]", "j", false),
            ("[a-e-n]", "-", true), ("[!------]", "a", true), ("[]-a]", "[", false),
            ("[]-a]", "^", true), ("[!]-a]", "^", false), ("[!]-a]", "[", true),
            ("[a^bc]", "^", true), ("[a-]b]", "-b]", true), ("[\\]", "\\", false),
            ("[\\\\]", "\\", true), ("[!\\\\]", "\\", false), ("[A-\\\\]", "G", true),
            ("b*a", "aaabbb", false), ("*ba*", "aabcaa", false), ("[,]", ",", true),
            ("[\\\\,]", ",", true), ("[\\\\,]", "\\", true), ("[,-.]", "-", true),
            ("[,-.]", "+", false), ("[,-.]", "-.]", false), ("[\\1-\\3]", "2", true),
            ("[\\1-\\3]", "3", true), ("[\\1-\\3]", "4", false), ("[[-\\]]", "\\", true),
            ("[[-\\]]", "[", true), ("[[-\\]]", "]", true), ("[[-\\]]", "-", false),
            ("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1", true),
            ("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1", false),
            ("XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", "XXX/adobe/courier/bold/o/normal//12/120/75/75/m/70/iso8859/1", true),
            ("XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", "XXX/adobe/courier/bold/o/normal//12/120/75/75/X/70/iso8859/1", false),
            ("**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt", true),
            ("**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz", false),
            ("*/*/*", "foo", false), ("*/*/*", "foo/bar", false), ("*/*/*", "foo/bba/arr", true),
            ("*/*/*", "foo/bb/aa/rr", false), ("**/**/**", "foo/bb/aa/rr", true),
            ("*X*i", "abcXdefXghi", true), ("*X*i", "ab/cXd/efXg/hi", false),
            ("*/*X*/*/*i", "ab/cXd/efXg/hi", true), ("**/*X*/**/*i", "ab/cXd/efXg/hi", true),
            ("[[:alpha:]][[:digit:]][[:upper:]]", "a1B", true),
            ("[[:digit:][:upper:][:space:]]", "a", false), ("[[:digit:][:upper:][:space:]]", "A", true),
            ("[[:digit:][:upper:][:space:]]", "1", true), ("[[:digit:][:upper:][:spaci:]]", "1", false),
            ("[[:digit:][:upper:][:space:]]", " ", true), ("[[:digit:][:upper:][:space:]]", ".", false),
            ("[[:digit:][:punct:][:space:]]", ".", true), ("[[:xdigit:]]", "5", true),
            ("[[:xdigit:]]", "f", true), ("[[:xdigit:]]", "D", true), ("[[:xdigit:]]", "g", false),
            ("[a-c[:digit:]x-z]", "5", true), ("[a-c[:digit:]x-z]", "b", true),
            ("[a-c[:digit:]x-z]", "y", true), ("[a-c[:digit:]x-z]", "q", false),
            ("[[:digit:]-z]", "-", true), ("[:]", ":", true), ("[[:]", ":", true), ("[[::]]", ":", false),
            ("[[:foo]", "[", true), ("[[:foo]", ":", true),
        ] as [(String, String, Bool)])
    func gitWildmatchSuite(pattern: String, text: String, expected: Bool) {
        #expect(Wildmatch.matches(pattern: pattern, text: text) == expected)
        // The literal pieces PathGlob checks before a wildmatch are in every text that matches.
        if expected {
            let text = Array(text.utf8)
            for piece in PathGlob.requiredPieces(Array(pattern.utf8)) {
                #expect(text.withUnsafeBufferPointer { PathGlob.contains($0, piece) }, "\(pattern): \(piece)")
            }
        }
    }

    @Test func pathologicalPatternTerminates() {
        let text = String(repeating: "a", count: 60) + "b"
        #expect(Wildmatch.matches(pattern: "*a*a*a*a*a*a*a*a*a*a*c", text: text) == false)
        #expect(Wildmatch.matches(pattern: "*a*a*a*a*a*a*a*a*a*a*c/x", text: text + "/x") == false)
        #expect(Wildmatch.matches(pattern: "**/*a*a*a*a*a*a*a*a*c", text: "q/" + text + "/" + text) == false)
        let deep = Array(repeating: "a", count: 30).joined(separator: "/")
        #expect(Wildmatch.matches(pattern: "**/a/**/a/**/a/**/b", text: deep) == false)
    }
}

@Suite("IgnoreStack")
struct IgnoreStackTests {
    @Test func emptyStackIgnoresNothing() {
        let stack = IgnoreStack()
        #expect(stack.isIgnored("a.log", isDirectory: false) == false)
        #expect(stack.isIgnored("build", isDirectory: true) == false)
    }

    @Test func nestedNegationOverridesRoot() {
        let stack = IgnoreStack()
            .adding(IgnoreFile(contents: "*.log\n", base: ""))
            .adding(IgnoreFile(contents: "!keep.log\n", base: "sub"))
        #expect(stack.isIgnored("a.log", isDirectory: false))
        #expect(stack.isIgnored("keep.log", isDirectory: false))  // the sub file does not apply at the root
        #expect(stack.isIgnored("sub/a.log", isDirectory: false))
        #expect(!stack.isIgnored("sub/keep.log", isDirectory: false))
        #expect(!stack.isIgnored("sub/deeper/keep.log", isDirectory: false))
        #expect(stack.isIgnored("other/keep.log", isDirectory: false))
        #expect(!stack.isIgnored("sub/readme.md", isDirectory: false))
    }

    @Test func deeperFileIgnoresWhatRootReincludes() {
        let stack = IgnoreStack()
            .adding(IgnoreFile(contents: "*.log\n!*.log\n", base: ""))
            .adding(IgnoreFile(contents: "*.log\n", base: "a"))
        #expect(!stack.isIgnored("x.log", isDirectory: false))
        #expect(stack.isIgnored("a/x.log", isDirectory: false))
    }

    @Test func deepestFileWithAnOpinionWins() {
        let stack = IgnoreStack()
            .adding(IgnoreFile(contents: "*.tmp\n", base: ""))
            .adding(IgnoreFile(contents: "*.bak\n", base: "a"))
            .adding(IgnoreFile(contents: "!x.tmp\n", base: "a/b"))
        #expect(stack.isIgnored("a/b/y.tmp", isDirectory: false))  // only the root has an opinion
        #expect(!stack.isIgnored("a/b/x.tmp", isDirectory: false))  // a/b re-includes
        #expect(stack.isIgnored("a/b/x.bak", isDirectory: false))  // a has the opinion
    }

    @Test func laterFileAtSameLevelWins() {
        // e.g. .gitignore then .promptscanignore in the same directory.
        let stack = IgnoreStack()
            .adding(IgnoreFile(contents: "secrets.txt\n", base: ""))
            .adding(IgnoreFile(contents: "!secrets.txt\n", base: ""))
        #expect(!stack.isIgnored("secrets.txt", isDirectory: false))
    }

    @Test func fileInsideIgnoredDirectoryStaysIgnored() {
        let stack = IgnoreStack()
            .adding(IgnoreFile(contents: "build/\n!build/keep.txt\n", base: ""))
        #expect(stack.isIgnored("build", isDirectory: true))
        #expect(stack.isIgnored("build/keep.txt", isDirectory: false))
        #expect(stack.isIgnored("build/x/y.o", isDirectory: false))
        #expect(!stack.isIgnored("src/build.swift", isDirectory: false))
    }

    @Test func parentDirectoryExcludedByNestedFile() {
        let stack = IgnoreStack()
            .adding(IgnoreFile(contents: "!*.md\n", base: ""))
            .adding(IgnoreFile(contents: "vendor\n", base: "pkg"))
        #expect(stack.isIgnored("pkg/vendor", isDirectory: true))
        #expect(stack.isIgnored("pkg/vendor/readme.md", isDirectory: false))
        #expect(!stack.isIgnored("vendor/readme.md", isDirectory: false))
    }

    @Test func doubleStarContentsCanBeReincludedButDirectoryCannot() {
        let stack = IgnoreStack()
            .adding(IgnoreFile(contents: "logs/**\n!logs/keep.txt\n", base: ""))
        #expect(!stack.isIgnored("logs", isDirectory: true))
        #expect(stack.isIgnored("logs/a.txt", isDirectory: false))
        #expect(!stack.isIgnored("logs/keep.txt", isDirectory: false))
    }

    @Test func addingDoesNotMutateOriginal() {
        let root = IgnoreStack().adding(IgnoreFile(contents: "*.log\n", base: ""))
        let sub = root.adding(IgnoreFile(contents: "!*.log\n", base: "sub"))
        #expect(root.isIgnored("sub/a.log", isDirectory: false))
        #expect(!sub.isIgnored("sub/a.log", isDirectory: false))
    }

    @Test func isSendable() {
        let stack = IgnoreStack().adding(IgnoreFile(contents: "*.log\n", base: ""))
        func requireSendable<T: Sendable>(_ value: T) -> T { value }
        #expect(requireSendable(stack).isIgnored("a.log", isDirectory: false))
    }
}
