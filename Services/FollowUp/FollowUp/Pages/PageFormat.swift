import Charts
import Domain
import Foundation
import Variation

/// Swedish display of numbers, periods, rules and statuses for the pages.
enum PageFormat {
    /// "82,5", "1 234"; `decimals` at most, trailing zeros dropped.
    static func number(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return "–" }
        var text = String(format: "%.\(decimals)f", abs(x))
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "\u{00A0}" + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let sign = x < 0 && text != "0" ? "−" : ""
        return sign + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }

    /// A value on the chart's scale as the indicator shows it: "82,5 %", "2,4", "7".
    static func value(_ x: Double?, indicator: Indicator, gap: Bool = false) -> String {
        guard let x else { return "–" }
        switch indicator.valueType {
        case .proportion: return number(x * 100, decimals: 1) + (gap ? "\u{00A0}procentenheter" : "\u{00A0}%")
        case .rate: return number(x, decimals: 2)
        case .count: return number(x, decimals: gap ? 2 : 0)
        case .measurement: return number(x, decimals: 2)
        }
    }

    static func granularity(_ g: Period.Granularity) -> String {
        switch g {
        case .isoWeek: "per vecka"
        case .month: "per månad"
        case .quarter: "per kvartal"
        case .year: "per år"
        }
    }

    static func rule(_ r: SignalRule) -> String {
        switch r {
        case .pointBeyondLimit: "Utanför styrgränsen"
        case .shift: "Skift (lång serie på ena sidan)"
        case .fewCrossings: "För få korsningar"
        case .trend: "Trend"
        case .twoOfThreeBeyondTwoSigma: "Två av tre nära gränsen"
        case .targetMissed: "Målet missat"
        case .funnelOutlier: "Avviker bland jämförbara"
        }
    }

    static func direction(_ d: SignalDirection) -> String {
        switch d {
        case .improvement: "Förbättring"
        case .deterioration: "Försämring"
        case .neither: "Undersök"
        }
    }

    static func severity(_ s: Severity) -> String {
        switch s {
        case .info: "Information"
        case .warning: "Varning"
        case .critical: "Kritisk"
        }
    }

    static func periods(_ periods: [Period]) -> String {
        guard let first = periods.first, let last = periods.last else { return "" }
        return first == last ? first.swedishLabel : "\(first.swedishLabel) – \(last.swedishLabel) (\(periods.count))"
    }

    static func variation(_ s: VariationStatus) -> String {
        switch s {
        case .commonCause: "Slumpmässig variation"
        case .improvement: "Förbättring"
        case .concern: "Försämring"
        case .neither: "Förändring"
        case .tooFewPoints: "För få punkter"
        }
    }

    static func assurance(_ t: TargetAssessment?) -> String {
        switch t {
        case .reliablyMet?: "Målet nås tillförlitligt"
        case .sometimesMet?: "Målet nås ibland"
        case .reliablyMissed?: "Målet nås inte utan förändring"
        case nil: "Inget mål att bedöma"
        }
    }

    static func level(_ l: Organisation.Level) -> String {
        switch l {
        case .national: "Nationell nivå"
        case .healthcareRegion: "Sjukvårdsregion"
        case .region: "Region"
        case .unit: "Enhet"
        }
    }

    static func date(_ d: Date) -> String { StockholmTime.date(at: Int64(d.timeIntervalSince1970)).description }

    static func stamp(_ d: Date) -> String {
        let instant = Int64(d.timeIntervalSince1970)
        let seconds = StockholmTime.secondsSinceMidnight(at: instant)
        return "\(StockholmTime.date(at: instant)) \(String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60))"
    }

    /// SVG drawn for inlining: its ids made unique on the page.
    static func inline(_ svg: String, id: String) -> String {
        svg.replacingOccurrences(of: "id=\"kl-", with: "id=\"kl-\(id)-")
            .replacingOccurrences(of: "aria-labelledby=\"kl-title kl-desc\"", with: "aria-labelledby=\"kl-\(id)-title kl-\(id)-desc\"")
            .replacingOccurrences(of: "url(#kl-", with: "url(#kl-\(id)-")
    }
}
