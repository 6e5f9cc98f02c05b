import Foundation
import TestSupport
import Testing

@testable import PromptScanCore

/// Structure-aware matching in recordings and notebooks (issue 12): machine data (CDN cookies,
/// WebRTC session descriptions, seeds and log-probabilities, base64 media, SVG geometry, download
/// logs) holds no person's identifiers, while the same values under a person's label still count.
@Suite struct MachineDataTests {
    static let rules: RuleSet = try! RuleSet(RuleCatalog.defaultRules())

    func findings(_ text: String, as fileClass: FileClass = .fixture, path: String = "tests/cassettes/t.yaml") -> [Finding] {
        scanText(text, rules: Self.rules, as: fileClass, path: path)
    }

    /// The pii/phi rule ids reported at medium or above.
    func failing(_ text: String, as fileClass: FileClass = .fixture) -> [String] {
        findings(text, as: fileClass)
            .filter { ($0.category == .pii || $0.category == .phi) && $0.severity >= .medium && $0.suppression == nil }
            .map(\.ruleID)
    }

    @Test func serversAndVersionsAreNotAddresses() {
        // The host of a URL is a server; a four-part version beside its three-part form is a version.
        #expect(failing("url=\"http://20.102.90.50:2017/wiki17_abstracts\"", as: .notebook).isEmpty)
        #expect(failing("endpoint: https://admin@81.2.69.142/api", as: .prompt).isEmpty)
        #expect(failing("`3.53.4.1` and `3.53.4.post1` truncate to `3.53.4` and collide", as: .agentConfig).isEmpty)
        // A client's address still counts, also beside an unrelated version or in a URL under a client word.
        #expect(failing("client ip 81.2.69.142 (app 3.53.4)", as: .prompt) == ["ip-address-v4"])
        #expect(failing("the customer logged in from 81.2.69.142", as: .agentConfig) == ["ip-address-v4"])
        #expect(failing("client ip: http://81.2.69.142/", as: .prompt) == ["ip-address-v4"])
    }

    @Test func numbersInAURLPathOrQueryNameAPage() {
        // A news headline slug, a catalogue id and a patent number inside URLs in a dataset.
        let row =
            "\"['https://economictimes.com/news/uk-pm-honours-101-year-old-veteran/articleshow/1.cms', "
            + "'https://babel.hathitrust.org/cgi/pt?id=mdp.39015054033553&seq=12', 'https://patents.google.com/patent/US2589983']\",Who?\n"
        #expect(failing(row, as: .fixture).isEmpty, "\(failing(row, as: .fixture))")
        // Under the rule's own parameter name, or as an e-mail address, it stays.
        #expect(failing("https://shop.example.net/pay?card=4539578763621486&x=1\n", as: .fixture).contains("payment-card"))
        #expect(failing("https://crm.acme-health.net/users/rosa.mendez@larkspur-foods.com/profile\n", as: .fixture) == ["email-address"])
        // A rule whose label is part of its pattern has it right there in the query: a FHIR search
        // by medical record number.
        #expect(failing("    uri: https://fhir.staldric.org/api/FHIR/R4/Patient?identifier=MRN|94721171\n").contains("medical-record-number"))
        // Not a URL: the same number on its own still counts.
        #expect(failing("card 39015054033553\n", as: .fixture).contains("payment-card"))
    }

    /// pip output whose line opens with a terminal escape, and a socket's addresses in a Python
    /// ResourceWarning, are machine data in a notebook; a client's address is not.
    @Test func pipLinesAfterTerminalEscapesAndSocketReprsAreMachineData() {
        let pip = #"      "\u001b[?25hRequirement already satisfied: typing-extensions in /usr/lib/python3/dist-packages (from torch) (3.10.0.2)\n","#
        #expect(failing(pip + "\n", as: .notebook).isEmpty)
        #expect(failing("\u{1B}[?25hRequirement already satisfied: six in /usr/lib (from x) (3.10.0.2)\n", as: .notebook).isEmpty)
        let socket = "ResourceWarning: unclosed <ssl.SSLSocket fd=88, family=2, laddr=('10.0.0.233', 63725), raddr=('35.201.124.182', 443)>\n"
        #expect(failing(socket, as: .notebook).isEmpty)
        #expect(failing("client ip=('81.2.69.142', 443)\n", as: .notebook) == ["ip-address-v4"])
        #expect(failing("\u{1B}[1mclient ip 81.2.69.142\n", as: .notebook) == ["ip-address-v4"])
    }

    /// A mail header's message id looks like an address but names a message.
    @Test func messageIdsInMailHeadersAreNotAddresses() {
        let header = "{'header_message_id': '<CAOwS8o3oV+o9-wpE1ExmxzfRxQLdWhCyw@mail.gmail.com>', 'in_reply_to': '<a1b2c3d4e5@gmail.com>'}\n"
        #expect(failing(header, as: .notebook).isEmpty)
        #expect(failing("{'to': 'dana.okafor84@gmail.com'}\n", as: .notebook) == ["email-address"])
    }

    @Test func aMailServersSPFVerdictNamesTheDomainsServers() {
        let headers =
            "Received-SPF: pass (google.com: domain of bounces+1234@mail.example.net designates 198.21.4.77 as permitted sender) client-ip=198.21.4.77;\n"
            + "Authentication-Results: mx.google.com;\n       spf=pass (google.com: domain of news@shop.example.net designates 209.85.220.41 as permitted sender) smtp.mailfrom=news@shop.example.net\n"
        #expect(failing(headers, as: .fixture).isEmpty)
        // The same address under a client label elsewhere is reported.
        #expect(failing("login from client-ip=198.21.4.77\n", as: .fixture) == ["ip-address-v4"])
    }

    @Test func fourSmallNumbersAreASectionNumber() {
        let outline = "\"1.3.4 By region 34\\n1.3.4.1 The Quantum Market in North America 36\\n2.1.3.6 Continuous variables 64\""
        #expect(failing(outline, as: .fixture).isEmpty)
        // A standard's clauses and tables: numbers up to 20 in each part.
        let clauses = "\"Connected Clause 11.4.3.5 11.4.3.2\\tM-Plane disconnected. Table 7.7.3.12: Format of Section Extension 3\""
        #expect(failing(clauses, as: .fixture).isEmpty)
        #expect(failing("client ip 81.2.69.142", as: .fixture) == ["ip-address-v4"])
        #expect(failing("client ip 13.5.21.7", as: .fixture) == ["ip-address-v4"])
    }

    @Test func cloudflareCookiesInACassetteAreNotAddresses() {
        let cassette = """
            interactions:
            - response:
                headers:
                  set-cookie:
                  - __cf_bm=PJDeH8S85KjI5c6iTy2gXKcIPQxc27kgddhr0RdYMEM-1777430676.2668107-1.0.1.1-nWxRbDW7iz5Rn.iCByCLjHOWqGqQNbiFma9O.BQXvE; HttpOnly; Secure; Path=/
                  - _cfuvid=RaB8f_hQhF8InZs8K2zplYmGCEnwsfNX1gVkAgjgpzI-1777430623.3795335-1.0.1.1-kvFJ5yi7pC7nkaDNSZZ5q06xyIU38iKLpTFGNc_fvQ; Path=/
            """
        #expect(failing(cassette).isEmpty)
        #expect(failing("  x-forwarded-for: 81.2.69.142\n") == ["ip-address-v4"])
    }

    @Test func sessionDescriptionsAreNotPersonalData() {
        // JSON-escaped SDP in a recorded request body, folded by YAML like pydantic-ai's cassettes.
        let sdp = """
                string: '{"type":"answer","sdp":"v=0\\r\\no=- 6187459093536489532 2 IN IP4 127.0.0.1\\r\\na=ssrc:2339516144 cname:realtimeapi\\r\\na=ssrc:2339516144
                  msid:realtimeapi audio\\r\\na=candidate:1352698770 1 udp 2130706431 68.155.152.41 3478
                  typ host ufrag iOreJB/u0/3oMK2r\\r\\na=candidate:3818869066 1 tcp 1671430143
                  20.168.48.117 443 typ host tcptype passive\\r\\n"}'
            """
        #expect(failing(sdp).isEmpty)
    }

    @Test func seedsLogprobsAndBareNumbersAreNotPhonesOrCards() {
        let cassette = """
                  seed: 2022350660
                  temperature: 0.0
                - avgLogprobs: -1.3458239637582128
                  seed: 3859899181302555600
                  count: 4155550123
            """
        #expect(failing(cassette).isEmpty)
        // The same numbers under a person's key are reported.
        #expect(failing("  phone: 6462738841\n") == ["phone-number-nanp-bare"])
        #expect(failing("  card_number: 4929526018159081\n") == ["payment-card"])
    }

    @Test func undelimitedDigitRunsNeedAPhoneWord() {
        let code = "constexpr uint64_t powers[] = {134217728, 268435456, 536870912, 1073741824, 2147483648, 4294967296 - 1};"
        #expect(failing(code).isEmpty)
        #expect(failing("see pull/3438#issuecomment-3553448605 for details", as: .agentConfig).isEmpty)
        #expect(failing("Phone: (678) 999-8212", as: .notebook) == ["phone-number-nanp"])
        #expect(failing("NLM Help Desk: 1-888-FIND-NLM (1-888-346-3656)", as: .agentConfig).isEmpty)
    }

    @Test func base64MediaHoldsNoIdentifiers() {
        var image = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        for i in 0..<12 { image += String(repeating: "QUJD", count: 3) + "zx\(i % 10)Pq+" }
        let body = "    data: image/png;base64," + image + "PvPo5UA3RG8XN95oz9r49lh722N2zb02QRkInIzw3QdkDKgTM5Cyr6\n"
        #expect(failing(body).isEmpty)
        #expect(failing("  medicare: 5UA3RG8XN95\n") == ["us-medicare-mbi"])
        let binary = Data((0..<96).map { UInt8(($0 * 37) % 256) }).base64EncodedString()
        let glued = binary + "7HN2QR3XY45" + binary
        glued.utf8.withContiguousStorageIfAvailable { raw in
            let bytes = UnsafeRawBufferPointer(raw)
            let start = binary.utf8.count
            #expect(MachineData.insideBase64Run(bytes, start..<(start + 11)))
            #expect(MachineData.insideBinaryBase64(bytes, start..<(start + 11)))
        }
        // A base64 body of text (an encoded JSON document) is not media.
        let encodedText = Data(String(repeating: "{\"name\": \"Grüße\", \"n\": 1}\n", count: 8).utf8).base64EncodedString()
        encodedText.utf8.withContiguousStorageIfAvailable { raw in
            #expect(!MachineData.insideBinaryBase64(UnsafeRawBufferPointer(raw), 40..<51))
        }
        let text = "mbi 7HN2QR3XY45 and more"
        text.utf8.withContiguousStorageIfAvailable { raw in
            #expect(!MachineData.insideBase64Run(UnsafeRawBufferPointer(raw), 4..<15))
        }
    }

    @Test func serverAddressesInDownloadLogsAndSVGGeometry() {
        let notebook = """
              "Resolving raw.githubusercontent.com (raw.githubusercontent.com)... 185.199.109.133, 185.199.108.133, 185.199.110.133, ...\\n",
              "Connecting to raw.githubusercontent.com (raw.githubusercontent.com)|185.199.109.133|:443... connected.\\n",
            """
        #expect(failing(notebook, as: .notebook).isEmpty)
        let svg = #"<svg><path d="M8 3.006.404 2.291-1.552 3.297-1.30.653 1.653.242 2.874.118 3.176.77.84 1.235 1.911 1.235 3.221"/></svg>"#
        #expect(failing(svg, as: .agentConfig).isEmpty)
        // The same geometry inside a notebook's JSON string, where the attribute's quote is escaped.
        let escaped = #"    "<svg viewBox=\"0 0 24 24\"><path d=\"M4 21.41c.39.39.9.59 1.41.59.51 0 1.02-.2 1.41-.59l7.78-7.78\"/></svg>\n","#
        #expect(failing(escaped, as: .notebook).isEmpty)
        #expect(failing("- the user logged in from 81.2.69.142 yesterday", as: .notebook) == ["ip-address-v4"])
    }

    @Test func packageVersionsInPipOutputAreNotAddresses() {
        let notebook = """
              "Collecting nvidia-cudnn-cu12==8.9.2.26 (from torch==2.3.1->autoawq)\\n",
              "Requirement already satisfied: opencv-python<5,>=4 in /usr/local/lib/python3.10/dist-packages (from camel-ai[all]) (4.10.0.84)\\n",
              "Requirement already satisfied: prance<24.0.0.0,>=23.6.21.0 in /usr/local/lib/python3.10/dist-packages (23.6.21.0)\\n",
              "torch 2.6.0+cu124 requires nvidia-cublas-cu12==12.4.5.8; platform_system == \\"Linux\\", but you have nvidia-cublas-cu12 12.5.3.2 which is incompatible.\\n",
              "pip install 'typing-extensions >= 3.7.4.3'\\n",
            """
        #expect(failing(notebook, as: .notebook).isEmpty)
        // A lone `>` closes a markup tag: the address in a table cell is still one.
        #expect(failing(#"    "<td>client ip</td><td>81.2.69.142</td>\n","#, as: .notebook) == ["ip-address-v4"])
        // An address on a line that is not pip's is still reported.
        #expect(failing(#"    "Collected from the logs: client ip 81.2.69.142\n","#, as: .notebook) == ["ip-address-v4"])
    }

    @Test func numberRowsAndGUIDTailsAreNotCardsOrIBANs() {
        // Fifteen digits in groups of three pass the card checks but are a printed array.
        #expect(failing("card ids: [379 100 300 485 159]\n", as: .prompt).isEmpty)
        #expect(failing("card: 3791 003004 85159\n", as: .prompt) == ["payment-card"])
        // A Visual Studio project GUID ends in an IBAN-shaped, mod-97-valid run.
        let solution = #"Project("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "AutoGen.Tests", "test\AutoGen.Tests.csproj""# + "\n"
        #expect(failing(solution, as: .prompt).isEmpty)
        #expect(failing("IBAN: BE71 0961 2345 6769\n", as: .prompt) == ["iban"])
    }

    @Test func decoratorsAndOrganisationMailboxesAreNotAddresses() {
        let jsonl =
            #"{"content": "from ciphey.iface import registry\n\n\n@registry.register\nclass Octal(Decoder[str]):\n@pytest.mark.skip(\n carried via@agent.tool"}"#
        #expect(failing(jsonl).isEmpty)
        #expect(failing(#"{"content": "Contact:\njane.doe@stmarys-hospital.org"}"#) == ["email-address"])
        for mailbox in [
            "gwas-info@ebi.ac.uk", "utilities-announce@ncbi.nlm.nih.gov", "biopython@biopython.org", "open-fda@fda.hhs.gov",
            "camel-users+subscribe@lists.apache.org", "jane.doe@googlegroups.com", "payouts@kovalent.eu", "claims-notify@marlowfinch.co.uk",
            "vertex-ingest@krh-notes-ai-prod.iam.gserviceaccount.com",
        ] {
            #expect(failing("Contact: \(mailbox)", as: .prompt).isEmpty, "\(mailbox)")
        }
        #expect(failing("Contact: jane.doe@groupsmith.com", as: .prompt) == ["email-address"])
    }

    /// A WHOIS response (a registry's and registrar's public registration data) in a tool-calling
    /// notebook's output holds no person's contact details.
    @Test func whoisRecordsAreRegistrationData() {
        let output =
            #"    "% IANA WHOIS server\\nrefer:        whois.verisign-grs.com\\n\\ndomain:       COM\\n\\norganisation: VeriSign Global Registry Services\\naddress:      12061 Bluemont Way\\naddress:      Reston VA 20190\\nphone:        +1 703 925-6999\\ne-mail:       info@verisign-grs.com\\n\\nnserver:      A.GTLD-SERVERS.NET 192.5.6.30 2001:503:a83e:0:0:0:2:30\\nRegistrar Abuse Contact Email: abusecomplaints@markmonitor.com\\nRegistrar Abuse Contact Phone: +1.2086851750\\nDomain Status: clientDeleteProhibited\\n","#
        #expect(failing(output, as: .notebook).isEmpty)
        let record = failing(#"    "customer phone: +1 703 925-6999, email rosa.mendez@larkspur-foods.com\\n","#, as: .notebook)
        #expect(record.contains("email-address") && record.contains { $0.hasPrefix("phone-number") }, "\(record)")
    }

    /// The user and password of a URL are not an e-mail address.
    @Test func urlCredentialsAreNotAnAddress() {
        let notebook = #"    "postgres://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/dbname?sslmode=require\n","#
        #expect(!findings(notebook, as: .notebook).contains { $0.ruleID == "email-address" })
        #expect(failing(#"    "contact rosa.mendez@larkspur-foods.com or see https://larkspur-foods.com/\n","#, as: .notebook) == ["email-address"])
    }

    @Test func slicesWorkflowCommandsAndNetworkPrefixesAreNotIPv6() {
        for text in [
            "echo \"::add-mask::$SECRET\"", "l[::3] = sorted(l[::3])", "evens = l[0::2]; odds = l[1::2]",
            "MakeIPv6(0, 1, 2, 3), // 1:203:405:607:809:a0b:c0d:e0f", "Anthropic's IPv6 range is 2607:6bc0::/48.",
        ] {
            #expect(failing(text, as: .agentConfig).isEmpty, "\(text)")
        }
        #expect(failing("client ip 2a02:1810:4d02:7600::1", as: .prompt) == ["ip-address-v6"])
    }

    @Test func machineKeys() {
        for key in ["seed", "avgLogprobs", "x-request-id", "__cf_bm", "_cfuvid", "prompt_tokens", "ssrc", "d"] {
            #expect(MachineData.isMachineKey(Array(key.utf8)[...]), "\(key)")
        }
        for key in ["phone", "email", "patient_id", "ip", "card_number", "id"] {
            #expect(!MachineData.isMachineKey(Array(key.utf8)[...]), "\(key)")
        }
    }
}
