import Domain
public import Variation

/// One Swedish sentence saying what a chart shows, for the picture and for notifications.
public enum ChartReading {
    /// The reading of `analysis`, decided by its latest signal (see ``VariationAnalysis/latestSignal``).
    /// - Parameters:
    ///   - analysis: The analysis to read.
    ///   - subject: The sentence's subject ("Andelen"); defaults to one from the chart type.
    /// - Returns: For example "Andelen har sjunkit under 8 veckor i rad — en förändring, inte slump."
    public static func sentence(for analysis: VariationAnalysis, subject: String? = nil) -> String {
        let subject = subject ?? defaultSubject(analysis.chartType)
        let line = analysis.chartType == .run ? "medianen" : (analysis.chartType == .g ? "mittlinjen" : "medelvärdet")
        guard let signal = analysis.latestSignal else {
            let n = analysis.phases.last?.runs.usefulObservations ?? 0
            let minimum = analysis.ruleSet.minimumUsefulPoints
            let tooFew = analysis.status == .tooFewPoints
            if !analysis.chartType.hasLimits, tooFew {
                return "För få punkter för att bedöma variationen (\(n) av minst \(minimum) utanför medianen)."
            }
            let tooEarly = "För tidigt att läsa serierna (\(n) av minst \(minimum) punkter utanför \(line))"
            if analysis.chartType.hasLimits, analysis.phases.last?.noLimitsReason == .noMovingRange {
                let noLimits = "Inga styrgränser ännu: det behövs två perioder i rad med värden."
                return noLimits + (tooFew ? " \(tooEarly)." : " Serierna visar inga tecken på förändring.")
            }
            if tooFew { return "\(tooEarly); ingen punkt ligger utanför styrgränserna." }
            switch analysis.targetAssessment {
            case .reliablyMet?: return "Variationen är slumpmässig och målet nås med god marginal."
            case .sometimesMet?: return "Variationen är slumpmässig; målet nås ibland men inte säkert."
            case .reliablyMissed?: return "Variationen är slumpmässig men målet nås inte utan en förändring."
            case nil: return "Variationen är slumpmässig — inga tecken på förändring."
            }
        }
        let points = signal.pointIndices.map { analysis.points[$0] }
        let granularity = signal.onset.granularity
        let lastIncluded = analysis.points.lastIndex { $0.isIncluded }
        let ongoing = signal.pointIndices.last == lastIncluded
        let side = signal.side == .above ? "över" : "under"
        switch signal.rule {
        case .trend:
            let verb = signal.side == .above ? "stigit" : "sjunkit"
            let span = count(points.count, granularity)
            return ongoing
                ? "\(subject) har \(verb) under \(span) i rad — en förändring, inte slump."
                : "\(subject) \(signal.side == .above ? "steg" : "sjönk") under \(span) i rad från \(signal.onset.swedishLabel) — en förändring, inte slump."
        case .shift:
            let span = count(points.count, granularity)
            return ongoing
                ? "\(subject) har legat \(side) \(line) \(span) i rad — en förändring, inte slump."
                : "\(subject) låg \(side) \(line) \(span) i rad från \(signal.onset.swedishLabel) — en förändring, inte slump."
        case .pointBeyondLimit:
            let limit = signal.side == .above ? "över den övre" : "under den nedre"
            return "\(subject) \(signal.onset.swedishLabel) hamnade \(limit) styrgränsen — en särskild orsak, inte slump."
        case .twoOfThreeBeyondTwoSigma:
            let limit = signal.side == .above ? "övre" : "nedre"
            return "Två av tre punkter från \(signal.onset.swedishLabel) ligger nära den \(limit) styrgränsen — en förändring, inte slump."
        case .fewCrossings:
            let k = analysis.phases[signal.phase].runs.crossings
            return "Kurvan korsar \(line) bara \(k) \(k == 1 ? "gång" : "gånger") — färre än slumpen ger, alltså en förändring."
        case .targetMissed:
            return "Målet har missats \(count(points.count, granularity)) i rad."
        }
    }

    static func defaultSubject(_ chart: ChartType) -> String {
        switch chart {
        case .p, .pPrime: "Andelen"
        case .u, .uPrime: "Takten"
        case .c: "Antalet"
        case .g: "Tiden mellan händelserna"
        case .mr: "Variationen mellan perioder"
        case .run, .i: "Värdet"
        }
    }

    /// "8 veckor", "1 månad", "3 kvartal".
    static func count(_ n: Int, _ g: Period.Granularity) -> String {
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
