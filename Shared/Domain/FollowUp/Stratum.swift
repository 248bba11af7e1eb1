/// One value of one of an indicator's dimensions, e.g. kön = kvinnor.
public struct Stratum: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let dimension: String
    public let value: String

    public init(dimension: String, value: String) {
        self.dimension = dimension
        self.value = value
    }

    /// `kon:kvinnor`.
    public var description: String { "\(dimension):\(value)" }

    public static func < (a: Stratum, b: Stratum) -> Bool { (a.dimension, a.value) < (b.dimension, b.value) }

    /// 1–40 characters of a–z, 0–9, '-' and '_' (so ':' and '/' can separate them in keys).
    public static func isCode(_ text: String) -> Bool {
        (1...40).contains(text.count) && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

/// A value of a stratum dimension as an indicator defines it.
public struct StratumValue: Sendable, Hashable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A way an indicator's results are split, e.g. kön (kvinnor, män), with an optional reference
/// value that equity gaps are measured against.
public struct StratumDimension: Sendable, Hashable {
    public let code: String
    public let name: String
    public let values: [StratumValue]
    /// When set, every other value v gets a gap series v − reference.
    public let gapReferenceValue: String?

    public init(code: String, name: String, values: [StratumValue], gapReferenceValue: String? = nil) {
        self.code = code
        self.name = name
        self.values = values
        self.gapReferenceValue = gapReferenceValue
    }

    public func value(_ code: String) -> StratumValue? { values.first { $0.code == code } }
}

/// The population a series describes: the total, one stratum, or the equity gap between a
/// stratum and its dimension's reference value.
public enum SeriesPopulation: Sendable, Hashable, Comparable, CustomStringConvertible {
    case total
    case stratum(Stratum)
    /// `stratum` − the dimension's `reference` value, per period.
    case gap(Stratum, reference: String)

    /// The storage key: "" (total), `kon:kvinnor`, `kon:kvinnor/man` (gap).
    public var key: String {
        switch self {
        case .total: ""
        case .stratum(let s): s.description
        case .gap(let s, let reference): "\(s)/\(reference)"
        }
    }

    /// Reads a key written by ``key``; nil when malformed.
    public init?(key: String) {
        if key.isEmpty {
            self = .total
            return
        }
        let halves = key.split(separator: "/", omittingEmptySubsequences: false)
        let parts = halves[0].split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, halves.count <= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        let stratum = Stratum(dimension: String(parts[0]), value: String(parts[1]))
        if halves.count == 2 {
            guard !halves[1].isEmpty else { return nil }
            self = .gap(stratum, reference: String(halves[1]))
        } else {
            self = .stratum(stratum)
        }
    }

    public var description: String { key.isEmpty ? "total" : key }

    /// The stratum, for a stratum or (its minuend) a gap.
    public var stratum: Stratum? {
        switch self {
        case .total: nil
        case .stratum(let s), .gap(let s, _): s
        }
    }

    public var isGap: Bool { if case .gap = self { true } else { false } }

    /// Swedish label: "Alla", "Kvinnor", "Kvinnor − män".
    public func label(in indicator: Indicator) -> String {
        func name(_ dimension: String, _ value: String) -> String {
            indicator.dimension(dimension)?.value(value)?.name ?? value
        }
        switch self {
        case .total: return "Alla"
        case .stratum(let s): return name(s.dimension, s.value)
        case .gap(let s, let reference): return "\(name(s.dimension, s.value)) − \(name(s.dimension, reference).lowercased())"
        }
    }

    public static func < (a: SeriesPopulation, b: SeriesPopulation) -> Bool {
        (a.order, a.key) < (b.order, b.key)
    }

    private var order: Int {
        switch self {
        case .total: 0
        case .stratum: 1
        case .gap: 2
        }
    }
}
