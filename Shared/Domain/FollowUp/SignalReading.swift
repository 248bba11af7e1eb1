/// One Swedish sentence per signal, for the leader's notification and page.
public enum SignalReading {
    /// What the signal says, e.g. "Andelen har legat under medelvärdet 8 veckor i rad sedan
    /// v. 14 2026 — en försämring, inte slump."
    /// - Parameters:
    ///   - subject: The sentence's subject, e.g. "Andelen" or "Skillnaden kvinnor − män".
    ///   - chartType: Decides the centre line's name (median on run charts).
    ///   - ongoing: Whether the signal lasts (present tense) or is over (past tense).
    ///   - comparedWith: Comparison outliers: the group compared with, e.g. "regionerna".
    public static func sentence(
        rule: SignalRule, side: SignalSide, direction: SignalDirection, periods: [Period], subject: String,
        chartType: ChartType, ongoing: Bool, comparedWith: String = ""
    ) -> String {
        let onset = periods.first?.swedishLabel ?? ""
        let n = periods.count
        let span = count(n, periods.first?.granularity ?? .month)
        let line = chartType == .run ? "medianen" : "medelvärdet"
        let what = direction == .neither ? "en förändring" : "en \(direction.swedish)"
        let high = side == .above
        switch rule {
        case .pointBeyondLimit:
            let limit = high ? "över den övre styrgränsen" : "under den nedre styrgränsen"
            if n == 1 { return "\(subject) \(onset) \(ongoing ? "ligger" : "låg") \(limit) — \(what), en särskild orsak och inte slump." }
            return "\(subject) \(ongoing ? "har legat" : "låg") \(limit) \(span) i rad från \(onset) — \(what), en särskild orsak och inte slump."
        case .shift:
            let where_ = high ? "över" : "under"
            return ongoing
                ? "\(subject) har legat \(where_) \(line) \(span) i rad sedan \(onset) — \(what), inte slump."
                : "\(subject) låg \(where_) \(line) \(span) i rad från \(onset) — \(what), inte slump."
        case .trend:
            let verb = ongoing ? (high ? "har stigit" : "har sjunkit") : (high ? "steg" : "sjönk")
            return "\(subject) \(verb) \(span) i rad från \(onset) — \(what), inte slump."
        case .fewCrossings:
            return "\(subject) \(ongoing ? "korsar" : "korsade") \(line) mer sällan än slumpen ger sedan \(onset) — \(what) att undersöka."
        case .twoOfThreeBeyondTwoSigma:
            let near = high ? "den övre" : "den nedre"
            return "\(subject): två av tre punkter från \(onset) ligger nära \(near) styrgränsen — \(what), inte slump."
        case .targetMissed:
            return "\(subject) \(ongoing ? "har missat" : "missade") målet \(span) i rad från \(onset)."
        case .funnelOutlier:
            let group = comparedWith.isEmpty ? "jämförbara organisationer" : comparedWith
            return
                "\(subject) \(onset) ligger \(high ? "över" : "under") 99,8\u{00A0}%-gränsen jämfört med \(group) — troligen en verklig skillnad (\(direction.swedish))."
        }
    }

    /// Why a signal closed, in one sentence.
    public static func closeSentence(_ reason: SignalCloseReason, lastPeriod: Period, cause: String) -> String {
        switch reason {
        case .ended: return "Signalen är över: den senaste perioden ingår inte längre i den (den sista var \(lastPeriod.swedishLabel))."
        case .dataRevised: return "Signalen försvann när värden rättades eller kom in i efterhand (\(cause))."
        case .decisionRecorded: return "Signalen försvann när ett beslut om ny fas eller baslinje registrerades (\(cause))."
        case .definitionChanged: return "Signalen försvann när indikatorns definition ändrades (\(cause))."
        }
    }

    /// "8 veckor", "1 månad", "3 kvartal".
    public static func count(_ n: Int, _ g: Period.Granularity) -> String {
        let (one, many): (String, String) =
            switch g {
            case .isoWeek: ("vecka", "veckor")
            case .month: ("månad", "månader")
            case .quarter: ("kvartal", "kvartal")
            case .year: ("år", "år")
            }
        return "\(n) \(n == 1 ? one : many)"
    }
}
