import Domain
import SeededRandom
import Testing

@Suite("Redaction of identity numbers, e-mail addresses and phone numbers")
struct RedactorTests {
    @Test(
        "identity and coordination numbers in every form",
        arguments: [
            "850101-1234", "850101+1234", "8501011234", "198501011234", "19850101-1234", "850101 1234", "19850101 1234",
            "850161-1234", "198501911234", "8512611234", "20121231-9999", "181231+0000", "850101\u{A0}1234",
            "850101–1234", "19850101+1234", "20240315 1234", "850101 -1234", "850101- 1234", "850101 – 1234",
        ])
    func identityNumbers(number: String) {
        let result = Redactor.redact(number)
        #expect(result.text == "[personnummer]")
        #expect(result.counts == [.personalIdentityNumber: 1])
    }

    @Test(
        "identity numbers inside sentences and next to punctuation",
        arguments: [
            ("Mitt personnummer är 19850101-1234, ring mig.", "Mitt personnummer är [personnummer], ring mig."),
            ("(850101-1234)", "([personnummer])"),
            ("pnr:8501011234.", "pnr:[personnummer]."),
            ("\"198501011234\"!", "\"[personnummer]\"!"),
            ("Dottern 0512617890 och jag 850101-1234", "Dottern [personnummer] och jag [personnummer]"),
            ("åsa 850101-1234 öl", "åsa [personnummer] öl"),
            ("id:850101-1234;", "id:[personnummer];"),
            ("850101-1234\n19850101-1234", "[personnummer]\n[personnummer]"),
        ])
    func identityNumbersInText(text: String, expected: String) {
        #expect(Redactor.redact(text).text == expected)
    }

    @Test(
        "phone numbers, national and international",
        arguments: [
            "070-123 45 67", "0701234567", "070 123 45 67", "+46 70 123 45 67", "+46701234567", "0046 70 123 45 67",
            "0046701234567", "08-123 456 78", "08 123 45 67", "031-12 34 56", "0771-123 123", "+46 (0)70-123 45 67",
            "+46 8 123 456 78", "070-1234567", "+46-70-123 45 67", "+46 070 123 45 67", "0980-123 45", "+46 31 12 34 56",
            "072 345 67 89", "08-12 34 56", "070 - 123 45 67", "070\u{A0}123\u{A0}45\u{A0}67", "070–123 45 67",
            "070-123-45-67", "+46-70-123-45-67", "08-123-456-78", "0771-123-123", "070 -123 45 67", "070- 123 45 67",
        ])
    func phones(number: String) {
        let result = Redactor.redact(number)
        #expect(result.text == "[telefon]")
        #expect(result.counts == [.phone: 1])
    }

    @Test(
        "dash and space look-alikes from phones, word processors and copy-paste",
        arguments: [
            // non-breaking hyphen U+2011, figure dash U+2012, minus sign U+2212, en dash, hyphen U+2010
            ("850101\u{2011}1234", "[personnummer]"), ("19850101\u{2012}1234", "[personnummer]"), ("850101\u{2212}1234", "[personnummer]"),
            ("850101\u{2010}1234", "[personnummer]"), ("850101\u{00A0}\u{2013}\u{00A0}1234", "[personnummer]"),
            // no-break U+00A0, narrow no-break U+202F, thin U+2009, hair U+200A, figure U+2007, punctuation U+2008 spaces
            ("850101\u{202F}1234", "[personnummer]"), ("850101\u{2009}1234", "[personnummer]"), ("850101\u{200A}1234", "[personnummer]"),
            ("850101\u{2007}1234", "[personnummer]"),
            ("070\u{2011}123 45 67", "[telefon]"), ("070\u{2012}123\u{00A0}45\u{00A0}67", "[telefon]"), ("070\u{2212}123 45 67", "[telefon]"),
            ("08\u{2011}123\u{2011}456\u{2011}78", "[telefon]"), ("+46\u{202F}70\u{202F}123\u{202F}45\u{202F}67", "[telefon]"),
            ("070\u{2009}123\u{2009}45\u{2009}67", "[telefon]"), ("070\u{2007}123\u{2007}45\u{2007}67", "[telefon]"),
            ("070\u{2008}123\u{2008}45\u{2008}67", "[telefon]"), ("+46\u{00A0}(0)70\u{2011}123 45 67", "[telefon]"),
            ("070\u{00A0}\u{2013}\u{00A0}123 45 67", "[telefon]"), ("0771\u{2010}123\u{202F}123", "[telefon]"),
            ("Ring 070\u{2011}123\u{202F}45\u{202F}67, pnr 850101\u{2212}1234.", "Ring [telefon], pnr [personnummer]."),
            ("se www.1177.se\u{202F}070-123 45 67", "se www.1177.se\u{202F}[telefon]"),
        ])
    func lookAlikes(text: String, expected: String) {
        #expect(Redactor.redact(text).text == expected)
    }

    @Test(
        "area codes in parentheses belong to the number and go with it",
        arguments: [
            ("(08) 123 456 78", "[telefon]"), ("(031) 12 34 56", "[telefon]"), ("(0171) 12 34 56", "[telefon]"),
            ("(08)123 45 67", "[telefon]"), ("(08) 1234567", "[telefon]"), ("(0771)-123 123", "[telefon]"),
            ("(08)\u{00A0}123\u{00A0}45\u{00A0}67", "[telefon]"), ("+46 (0)70 123 45 67", "[telefon]"), ("+46(0)8 123 456 78", "[telefon]"),
            ("0046 (0)31-12 34 56", "[telefon]"),
            ("Ring (08) 123 456 78 i dag.", "Ring [telefon] i dag."), ("Hem: (031) 12 34 56, mobil 070-123 45 67", "Hem: [telefon], mobil [telefon]"),
            ("[(08) 123 45 67]", "[[telefon]]"), ("((08) 123 45 67)", "([telefon])"),
        ])
    func parenthesisedAreaCodes(text: String, expected: String) {
        #expect(Redactor.redact(text).text == expected)
    }

    @Test(
        "a phone number glued to a word or sign is still a phone number",
        arguments: [
            ("Ring+46701234567", "Ring[telefon]"), ("ring070-123 45 67", "ring[telefon]"), ("tel:0701234567", "tel:[telefon]"),
            ("Tel.nr0701234567", "Tel.nr[telefon]"), ("mobil070 123 45 67.", "mobil[telefon]."), ("nr08-123 456 78", "nr[telefon]"),
            ("ring0046701234567", "ring[telefon]"), ("Ring(08) 123 456 78", "Ring[telefon]"), ("x0701234567", "x[telefon]"),
            ("på070-123 45 67", "på[telefon]"), ("tel:+46 70 123 45 67", "tel:[telefon]"), ("Mobil:070‑1234567", "Mobil:[telefon]"),
            ("ringÅsa070-123 45 67 ikväll", "ringÅsa[telefon] ikväll"),
        ])
    func gluedPhones(text: String, expected: String) {
        let result = Redactor.redact(text)
        #expect(result.text == expected)
        #expect(result.counts == [.phone: 1])
    }

    @Test(
        "glued to a digit, joined to a digit compound, or followed by a letter: still left alone",
        arguments: [
            "10701234567", "12:0701234567", "0701234567b", "ring0701234567b", "x198501011234", "ÅÄ8501011234", "SE2321000016-15CQ",
            "SE2321000016-1003", "SE556123456701", "SE4550000000058398257466", "R0123456", "ICD10:I50.9", "KVÅ:DT016", "v08.30",
            "nr5561234567", "art.nr 12345678",
        ])
    func gluedLeftAlone(text: String) {
        #expect(Redactor.redact(text).text == text)
    }

    @Test(
        "parentheses around other numbers stay",
        arguments: [
            "(08) 15 kr", "(0,5 mg)", "(08:30)", "(08) 12", "(1177)", "(112) 12 34 56", "(2024) 123 45", "(0) 123 45 67",
            "(08)", "(08) 123", "(00) 123 456 78", "(08123) 45 67 89", "(0)", "(08) 2024-03-15", "(08)12:30",
        ])
    func parenthesesLeftAlone(text: String) {
        #expect(Redactor.redact(text).text == text)
    }

    @Test(
        "look-alike dashes join digit compounds like a hyphen: dates and ranges stay",
        arguments: [
            "2024\u{2011}03\u{2011}15", "05\u{2011}03\u{2011}2024", "05\u{2212}03\u{2212}2024", "2024\u{2011}03\u{2011}15 12 34 56",
            "2024\u{2012}03\u{2012}15\u{2011}0701234567", "19850101\u{2011}1234\u{2011}5", "kl. 08.30\u{2013}12.00", "15\u{2011}20 mars",
            "\u{2212}5 grader", "1\u{202F}500\u{202F}kr", "2024\u{2011}03\u{2011}15\u{202F}08:30",
        ])
    func lookAlikesLeftAlone(text: String) {
        #expect(Redactor.redact(text).text == text)
    }

    @Test(
        "phone numbers in sentences",
        arguments: [
            ("Ring 070-123 45 67 eller 08-123 456 78.", "Ring [telefon] eller [telefon]."),
            ("tel:0701234567", "tel:[telefon]"),
            ("Ring (070-123 45 67) 2 gånger", "Ring ([telefon]) 2 gånger"),
            ("mobil:+46701234567, hem 08 123 45 67!", "mobil:[telefon], hem [telefon]!"),
        ])
    func phonesInText(text: String, expected: String) {
        #expect(Redactor.redact(text).text == expected)
    }

    @Test(
        "e-mail addresses",
        arguments: [
            ("mejla anna.svensson@region.se.", "mejla [e-post]."),
            ("<Åsa.Öberg+test@sjukhus.region-skane.se>", "<[e-post]>"),
            ("0701234567@exempel.se", "[e-post]"),
            ("a_b%c-d@x.y.org, tack", "[e-post], tack"),
            ("...anna@exempel.se", "...[e-post]"),
            ("https://exempel.se/?mail=anna@exempel.se", "https://exempel.se/?mail=[e-post]"),
            ("åäö@åäö.se", "[e-post]"),
            (String(repeating: "a", count: 64) + "@exempel.se", "[e-post]"),
        ])
    func emails(text: String, expected: String) {
        let result = Redactor.redact(text)
        #expect(result.text == expected)
        #expect(result.counts == [.email: 1])
    }

    @Test(
        "left alone: dates, amounts, URLs, codes, short and glued numbers",
        arguments: [
            "2024-03-15", "den 15/3 2024", "20240315", "år 2024", "1 500 kr", "3 tabletter", "112", "1177", "M05.3",
            "version 2.10.1", "kl. 08.30", "05-03-2024", "2024-03-15 08:30", "0,5 mg", "12345678901", "x198501011234",
            "8501011234b", "ÅÄ8501011234", "8501011234ö", "850132-1234", "851301-1234", "850100-1234", "850192-1234",
            "16850101-1234", "850101-12345", "850101--1234", "ordernummer 1234567890", "07012", "+47 70 123 45 67",
            "pris 0 kr", "0 70 123 45", "anna@", "@anna", "anna@localhost", "a@b.c", "user@123.45", "anna.@exempel.se",
            "https://www.1177.se/Stockholm/sjukdomar--besvar/hjarta-och-blodkarl/hjartsvikt/",
            "https://www.1177.se/artikel/0812345678", "www.exempel.se/tel/08-123 45", "HTTP://EXEMPEL.SE/08-123-45-67",
            "070-123-45-67-89", "05-03-2024 kl 10", "2024-03-15 12 34 56", "19850101-1234-5", "12:0701234567", "2024-03-15–0701234567",
            "1,5 mg 3 gånger om dagen i 14 dagar", "ICD I50.9 och J45", "19850101", "",
        ])
    func leftAlone(text: String) {
        let result = Redactor.redact(text)
        #expect(result.text == text)
        #expect(result.total == 0)
        #expect(!result.isRedacted)
    }

    @Test(
        "left alone: what the issue names, with the new separators, parentheses and glued starts in mind",
        arguments: [
            // dates
            "15.03.2024", "05.03.2024", "05/03/2024", "2024-W12", "v. 12 2024", "den 5/3", "3 mars 2024", "2024–03–15",
            // times and opening hours
            "08:30", "08.30–12.00", "kl 0830-1200", "0800-1630", "öppet 0745–1615", "08:00-16:30", "8.30-16.30", "kl. 08.00\u{2013}16.30",
            // amounts
            "1 500,50 kr", "1\u{00A0}234\u{00A0}567 kr", "SEK 1 234 567", "0,50 kr", "€ 1 500", "kostnad: 2 500 kr (moms 625 kr)",
            // ICD-10 and KVÅ codes
            "Z00.0", "F32.1 och F41.1", "E11.9", "S72.00", "O80", "(J45.9)", "DT016",
            // HSA-ids and organisationsnummer
            "SE2321000016-15CQ", "SE2321000016-E12345", "556123-4567", "232100-0016", "202100-1234", "5561234567", "16556123-4567", "212000-0142",
            // postal codes
            "123 45 Stockholm", "SE-123 45", "411 06 Göteborg", "981 31 Kiruna", "(411 06)",
            // 112 and 1177
            "ring 112", "1177 Vårdguiden", "ring 112 eller 1177", "1177.se", "(1177)",
            // reference numbers
            "Dnr 2024/01234", "ärende 2024-0123456", "RS 2023-01234", "OCR 1234 5678 9012", "remiss 123456789", "faktura 20240315-001",
            "Ref: 12-345678", "ref.nr 0012345",
            // URLs
            "https://exempel.se/?id=08123456", "http://10.0.0.1:8080/", "https://vard.se/(08)/123-45-67", "www.1177.se/ring-070-123-45-67",
        ])
    func falsePositivesAvoided(text: String) {
        #expect(Redactor.redact(text).text == text)
    }

    @Test func countsByCategory() {
        let result = Redactor.redact("Jag (19850101-1234) nås på 070-123 45 67 eller anna@exempel.se; barnet 1201611234, +46 8 123 456 78.")
        #expect(result.text == "Jag ([personnummer]) nås på [telefon] eller [e-post]; barnet [personnummer], [telefon].")
        #expect(result.count(of: .personalIdentityNumber) == 2)
        #expect(result.count(of: .phone) == 2)
        #expect(result.count(of: .email) == 1)
        #expect(result.total == 5)
    }

    @Test("a compact ten-digit run with both shapes: mobile prefix → phone, otherwise identity number")
    func ambiguousTenDigits() {
        #expect(Redactor.redact("0701234567").counts == [.phone: 1])
        #expect(Redactor.redact("0311234567").counts == [.personalIdentityNumber: 1])
        #expect(Redactor.redact("070123-4567").counts == [.personalIdentityNumber: 1])
    }

    @Test("inside a URL, digits are no phone number, but identity numbers are still redacted")
    func urls() {
        #expect(Redactor.redact("https://exempel.se/p/19850101-1234 och 070-123 45 67").text == "https://exempel.se/p/[personnummer] och [telefon]")
    }

    @Test func aLocalPartLongerThan64BytesIsNoAddress() {
        let text = String(repeating: "a", count: 65) + "@exempel.se"
        #expect(Redactor.redact(text).text == text)
    }

    @Test("a following number joins a phone number only while the digits fit")
    func greedyGroups() {
        #expect(Redactor.redact("031-12 34 56 10 gånger").text == "[telefon] 10 gånger")
        #expect(Redactor.redact("08-12 34 56 10 gånger").text == "[telefon] gånger")
    }

    @Test func textWithoutDigitsOrAtComesBackAsItWas() {
        let text = "Informationen om hjärtsvikt var tydlig – tack!"
        let result = Redactor.redact(text)
        #expect(result.text == text)
        #expect(result.counts.isEmpty)
        #expect(result == RedactedText(text: text))
    }

    @Test func redactingTwiceChangesNothing() {
        let once = Redactor.redact("Ring 070-123 45 67, pnr 850101-1234, anna@exempel.se")
        let twice = Redactor.redact(once.text)
        #expect(twice.text == once.text)
        #expect(twice.total == 0)
    }

    @Test func markers() {
        #expect(Redactor.Category.allCases.map(\.marker) == ["[personnummer]", "[e-post]", "[telefon]"])
    }
}

@Suite("Redaction holds for thousands of random sentences")
struct RedactorPropertyTests {
    static let words = [
        "jag", "fick", "bra", "hjälp", "av", "informationen", "om", "hjärtsvikt", "på", "vårdcentralen", "tack",
        "läkaren", "sköterskan", "ringde", "mig", "igår", "och", "sa", "att", "mitt", "nummer", "är", "öppettider",
        "kunde", "vara", "tydligare", "Åsa", "Örebro", "dottern", "ÄLDRE", "mottagning", "besök", "ångest",
    ]

    /// The hyphen-minus and the dashes that stand in for it: hyphen, non-breaking hyphen, figure
    /// dash, en dash, minus sign.
    static let dashes = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2212}"]
    /// Spaces between digit groups: plain, no-break, figure, thin, hair, narrow no-break.
    static let spaces = [" ", "\u{00A0}", "\u{2007}", "\u{2009}", "\u{200A}", "\u{202F}"]

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A random identity number in one of the forms, and the marker it should become.
    static func identityNumber(using rng: inout SplitMix64) -> (token: String, marker: String) {
        let year = Int.random(in: 1900...2025, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let day = Int.random(in: 1...days[month - 1], using: &rng) + (Bool.random(using: &rng) ? 60 : 0)
        let short = pad(year % 100, 2) + pad(month, 2) + pad(day, 2)
        let long = pad(year, 4) + pad(month, 2) + pad(day, 2)
        let last = pad(Int.random(in: 0...9999, using: &rng), 4)
        let separator = ["-", "+", " ", ""].randomElement(using: &rng)!
        let lookAlike = Self.dashes.dropFirst().randomElement(using: &rng)!  // one of the look-alikes instead, half the time
        let chosen =
            separator == "-" && Bool.random(using: &rng)
            ? lookAlike : (separator == " " && Bool.random(using: &rng) ? Self.spaces.randomElement(using: &rng)! : separator)
        let token = (Bool.random(using: &rng) ? short : long) + chosen + last
        // The documented overlap: a compact ten-digit run with a mobile prefix reads as a phone number.
        let mobile = token.count == 10 && ["070", "072", "073", "076", "079"].contains(String(token.prefix(3)))
        return (token, mobile ? "[telefon]" : "[personnummer]")
    }

    /// An independent check: a run of 6 or 8 digits, one separator and 4 digits, or a run of 10 or
    /// 12 digits, not glued to letters or digits, nor joined to digits by a dash, `.` or `:`.
    static func identityShapedTokens(in text: String) -> Int {
        let chars = Array(text)
        let joiners = Set(".:" + dashes.joined())
        let separators = Set("+" + dashes.joined() + spaces.joined())
        var found = 0
        var i = 0
        func digits(from start: Int) -> Int {
            var j = start
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            return j - start
        }
        while i < chars.count {
            let glued =
                i > 0
                && (chars[i - 1].isLetter || chars[i - 1].isNumber
                    || (i > 1 && joiners.contains(chars[i - 1]) && chars[i - 2].isNumber))
            let first = digits(from: i)
            guard first > 0 else {
                i += 1
                continue
            }
            defer { i += first }
            guard !glued else { continue }
            var end = i + first
            if [6, 8].contains(first), end + 1 < chars.count, separators.contains(chars[end]), digits(from: end + 1) == 4 {
                end += 5
            } else if ![10, 12].contains(first) {
                continue
            }
            let joined = end + 1 < chars.count && joiners.contains(chars[end]) && chars[end + 1].isNumber
            if end == chars.count || !(chars[end].isLetter || chars[end].isNumber || joined) { found += 1 }
        }
        return found
    }

    @Test func noIdentityNumberSurvivesAndTheWordsDo() {
        var rng = SplitMix64(seed: 20_260_315)
        let punctuation = ["", "", "(", "\"", ":"]
        let closing = ["", "", ",", ".", ")", "!", "?", ";"]
        for _ in 0..<3000 {
            var input: [String] = []
            var expected: [String] = []
            var tokens = 0
            for _ in 0..<Int.random(in: 3...14, using: &rng) {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0..<2:
                    let (token, marker) = Self.identityNumber(using: &rng)
                    let open = punctuation.randomElement(using: &rng)!
                    let close = closing.randomElement(using: &rng)!
                    input.append(open + token + close)
                    expected.append(open + marker + close)
                    tokens += 1
                case 2:
                    // Dates stay: YYYY-MM-DD (any dash) or YYYYMMDD.
                    let separator = Bool.random(using: &rng) ? Self.dashes.randomElement(using: &rng)! : ""
                    let date =
                        Self.pad(Int.random(in: 1990...2030, using: &rng), 4) + separator
                        + Self.pad(Int.random(in: 1...12, using: &rng), 2) + separator + Self.pad(Int.random(in: 1...28, using: &rng), 2)
                    input.append(date)
                    expected.append(date)
                default:
                    let word = Self.words.randomElement(using: &rng)!
                    input.append(word)
                    expected.append(word)
                }
            }
            let text = input.joined(separator: " ")
            let result = Redactor.redact(text)
            #expect(Self.identityShapedTokens(in: text) == tokens, "the checker must see every token in \(text)")
            #expect(Self.identityShapedTokens(in: result.text) == 0, "\(text) → \(result.text)")
            #expect(result.text == expected.joined(separator: " "), "\(text)")
            #expect(result.total == tokens)
        }
    }

    static func digits(_ n: Int, using rng: inout SplitMix64) -> String {
        String((0..<n).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    /// A random phone number in one of the shapes people write, with look-alike dashes and spaces
    /// half the time. Every shape has at least 9 national digits, so a number after it never fits
    /// (the documented greedy limit stays out of the way).
    static func phone(using rng: inout SplitMix64) -> String {
        let mobile = "07" + ["0", "2", "3", "6", "9"].randomElement(using: &rng)!
        let area3 = "0" + ["31", "40", "54", "60", "90", "13", "19"].randomElement(using: &rng)!
        let area4 = "0" + ["171", "980", "771", "611", "413"].randomElement(using: &rng)!
        let d = { (n: Int, rng: inout SplitMix64) in Self.digits(n, using: &rng) }
        let shapes: [String] = [
            mobile + d(7, &rng), "\(mobile)-\(d(3, &rng)) \(d(2, &rng)) \(d(2, &rng))", "\(mobile) \(d(3, &rng)) \(d(2, &rng)) \(d(2, &rng))",
            "\(mobile)-\(d(3, &rng))-\(d(2, &rng))-\(d(2, &rng))", "\(mobile)-\(d(7, &rng))",
            "+46 \(mobile.dropFirst()) \(d(3, &rng)) \(d(2, &rng)) \(d(2, &rng))", "+46\(mobile.dropFirst())\(d(7, &rng))",
            "+46 (0)\(mobile.dropFirst())-\(d(3, &rng)) \(d(2, &rng)) \(d(2, &rng))", "0046 \(mobile.dropFirst()) \(d(3, &rng)) \(d(2, &rng)) \(d(2, &rng))",
            "08-\(d(3, &rng)) \(d(3, &rng)) \(d(2, &rng))", "08 \(d(3, &rng)) \(d(2, &rng)) \(d(2, &rng))", "(08) \(d(3, &rng)) \(d(3, &rng)) \(d(2, &rng))",
            "\(area3)-\(d(2, &rng)) \(d(2, &rng)) \(d(2, &rng))", "(\(area3)) \(d(2, &rng)) \(d(2, &rng)) \(d(2, &rng))",
            "\(area4)-\(d(2, &rng)) \(d(2, &rng)) \(d(2, &rng))", "(\(area4)) \(d(3, &rng)) \(d(3, &rng))", "\(area4)-\(d(3, &rng)) \(d(2, &rng))",
        ]
        var token = shapes.randomElement(using: &rng)!
        if Bool.random(using: &rng) {
            let dash = dashes.randomElement(using: &rng)!
            let space = spaces.randomElement(using: &rng)!
            token = token.replacing("-", with: dash).replacing(" ", with: space)
        }
        return token
    }

    /// Tokens that must come through untouched.
    static let keep = [
        "2024-03-15", "2024\u{2011}03\u{2011}15", "05\u{2212}03\u{2212}2024", "15/3 2024", "20240315", "kl. 08.30", "08:30–12.00", "0800-1630",
        "0745\u{2013}1615", "1 500 kr", "1\u{00A0}500\u{00A0}kr", "0,5 mg", "M05.3", "I50.9", "Z00.0", "SE2321000016-15CQ", "556123-4567",
        "232100-0016", "5561234567", "123 45", "411\u{00A0}06", "112", "1177", "Dnr 2024/01234", "RS 2023-01234", "(1177)", "(0,5 mg)",
        "https://www.1177.se/Stockholm/sjukdomar/", "www.exempel.se/tel/08-123-45-67", "version 2.10.1", "x198501011234",
    ]

    @Test func noPhoneNumberSurvivesAndWhatMustStayDoes() {
        var rng = SplitMix64(seed: 20_261_117)
        let glue = ["ring", "Ring", "tel", "mobil", "nr", "på", "Åsa"]
        for _ in 0..<3000 {
            var input: [String] = []
            var expected: [String] = []
            var phones = 0
            for _ in 0..<Int.random(in: 2...8, using: &rng) {
                // A word between tokens, so two number-like tokens never stand side by side.
                let word = Self.words.randomElement(using: &rng)!
                input.append(word)
                expected.append(word)
                if Int.random(in: 0..<5, using: &rng) < 2 {
                    let token = Self.phone(using: &rng)
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0:  // glued to a word, as typed on a phone
                        let prefix = glue.randomElement(using: &rng)!
                        input.append(prefix + token)
                        expected.append(prefix + "[telefon]")
                    case 1:
                        input.append("(" + token + ")")
                        expected.append("([telefon])")
                    default:
                        input.append(token + [",", ".", "", ""].randomElement(using: &rng)!)
                        expected.append("[telefon]" + String(input.last!.dropFirst(token.count)))
                    }
                    phones += 1
                } else {
                    let token = Self.keep.randomElement(using: &rng)!
                    input.append(token)
                    expected.append(token)
                }
            }
            let text = input.joined(separator: " ")
            let result = Redactor.redact(text)
            #expect(result.text == expected.joined(separator: " "), "\(text.debugDescription)")
            #expect(result.counts == (phones > 0 ? [.phone: phones] : [:]), "\(text.debugDescription)")
        }
    }

    @Test func randomNoiseNeverCrashesAndRedactingIsIdempotent() {
        var rng = SplitMix64(seed: 42)
        let alphabet = [
            "0", "0", "1", "4", "5", "6", "7", "9", " ", " ", "-", "+", "@", ".", "a", "å", "(", ")", ":",
            "\u{A0}", "–", "/", "w", "h", "t", "p", "s", "e", "\u{301}", "😀",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            let once = Redactor.redact(text)
            #expect(Redactor.redact(once.text).total == 0, "\(text.debugDescription) → \(once.text.debugDescription)")
        }
    }
}
