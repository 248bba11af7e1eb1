/// Why a measurement row (or a whole batch) was refused: the row's index, the reason, the field
/// within the row and an explanation in English and Swedish, as `MeasurementProblem` carries it.
public struct MeasurementProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Mirrors `kunskapsloop.followup.v1.MeasurementProblemReason` (without UNSPECIFIED).
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        case undecodable
        case wrongMessageType = "wrong_message_type"
        case tooManyMeasurements = "too_many_measurements"
        case missingField = "missing_field"
        case unknownIndicator = "unknown_indicator"
        case unknownOrganisation = "unknown_organisation"
        case unknownStratum = "unknown_stratum"
        case wrongShape = "wrong_shape"
        case numeratorAboveDenominator = "numerator_above_denominator"
        case negativeValue = "negative_value"
        case notFinite = "not_finite"
        case invalidPeriod = "invalid_period"
        case periodGranularityMismatch = "period_granularity_mismatch"
        case periodInFuture = "period_in_future"
        case duplicateInBatch = "duplicate_in_batch"
        case builtInIndicator = "built_in_indicator"
    }

    /// 0-based row index; −1 for the whole batch.
    public let index: Int
    public let reason: Reason
    /// The field within the row (`ratio.numerator`, `stratum.value`) or batch (`batch_id`).
    public let field: String
    public let english: String
    public let swedish: String

    public init(index: Int, _ reason: Reason, field: String, english: String, swedish: String) {
        self.index = index
        self.reason = reason
        self.field = field
        self.english = english
        self.swedish = swedish
    }

    public var description: String {
        "row \(index): \(reason.rawValue)" + (field.isEmpty ? "" : " (\(field))") + ": \(english)"
    }

    /// The most rows one batch may hold.
    public static let maximumRows = 10_000
}
