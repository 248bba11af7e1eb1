/// Whether the process, as it runs now, will meet its target (NHS "assurance").
///
/// Read from the limits of the last point of the last phase: if the whole band between the limits
/// lies on the good side of the target the target is met reliably; if it lies wholly on the bad
/// side it will not be met without a change; otherwise it is met only sometimes.
public enum TargetAssessment: String, Sendable, Hashable, Codable {
    case reliablyMet
    case sometimesMet
    case reliablyMissed
}
