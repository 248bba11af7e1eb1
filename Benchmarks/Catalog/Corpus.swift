import SeededRandom

/// A synthetic but Swedish-looking catalog: titles, summaries and tags drawn from a medical
/// vocabulary with a seeded generator, so every run searches the same 50,000 supports.
struct Corpus {
    static let conditions = [
        "hjärtsvikt", "förmaksflimmer", "diabetes typ 2", "diabetes typ 1", "astma", "KOL", "reumatoid artrit",
        "reumatiska sjukdomar", "stroke", "depression", "ångest", "demens", "psoriasis", "gikt", "artros", "osteoporos",
        "sepsis", "lunginflammation", "urinvägsinfektion", "bröstcancer", "prostatacancer", "tjocktarmscancer",
        "lungcancer", "njursvikt", "hypertoni", "ryggsmärta", "migrän", "epilepsi", "Parkinsons sjukdom", "MS",
        "ADHD", "autism", "schizofreni", "bipolär sjukdom", "ätstörningar", "fetma", "graviditetsdiabetes",
        "höftfraktur", "benskörhet", "celiaki", "IBS", "Crohns sjukdom", "ulcerös kolit", "levercirros",
        "hörselnedsättning", "grå starr", "glaukom", "eksem", "akne", "bensår", "trycksår", "smärta", "palliativ vård",
    ]
    static let kinds = ["vårdförlopp", "vårdprogram", "riktlinje", "behandlingsstöd", "patientinformation", "e-tjänst", "arbetssätt"]
    static let groups = ["vuxna", "barn", "äldre", "unga", "gravida", "män", "kvinnor", "personer med funktionsnedsättning"]
    static let words = [
        "utredning", "behandling", "uppföljning", "rehabilitering", "läkemedel", "egenvård", "primärvård", "specialistvård",
        "sjuksköterska", "läkare", "fysioterapeut", "arbetsterapeut", "dietist", "kurator", "psykolog", "remiss",
        "diagnos", "symtom", "prevention", "screening", "provtagning", "blodtryck", "vikt", "fysisk", "aktivitet",
        "kost", "rökning", "alkohol", "sömn", "stress", "smärtlindring", "operation", "strålbehandling", "cytostatika",
        "vårdplan", "samordnad", "individuell", "personcentrerad", "närstående", "delaktighet", "information",
        "kunskapsstöd", "nationell", "regional", "vårdcentral", "sjukhus", "akutmottagning", "hemsjukvård",
        "digitala", "vårdbesök", "journal", "bedömning", "riskfaktorer", "komplikationer", "återbesök", "väntetid",
    ]

    struct Row {
        let slug: String, title: String, summary: String, kind: String, audiences: [String], level: String, owner: String
        let tags: [String], status: String
    }

    static let kindCodes = ["care_pathway", "care_programme", "guideline", "treatment_support", "patient_knowledge_support", "e_service", "method"]
    static let regions = ["SE-01", "SE-03", "SE-04", "SE-12", "SE-14", "SE-25"]

    static func row(_ i: Int, _ rng: inout SplitMix64) -> Row {
        let condition = conditions[rng.next(conditions.count)]
        let k = rng.next(kinds.count)
        let group = groups[rng.next(groups.count)]
        let title = "\(condition.prefix(1).uppercased() + condition.dropFirst()) hos \(group) – \(kinds[k])"
        let summary = (0..<28).map { _ in rng.next(5) == 0 ? conditions[rng.next(conditions.count)] : words[rng.next(words.count)] }
            .joined(separator: " ")
        let regional = rng.next(4) == 0
        return Row(
            slug: "bench-\(i)", title: title, summary: summary.prefix(1).uppercased() + summary.dropFirst() + ".",
            kind: kindCodes[k], audiences: k == 4 ? ["patients", "relatives"] : ["professionals"],
            level: regional ? "region" : "national", owner: regional ? regions[rng.next(regions.count)] : "SE",
            tags: [condition.lowercased(), words[rng.next(words.count)]],
            status: rng.next(10) == 0 ? "draft" : "published")
    }
}
