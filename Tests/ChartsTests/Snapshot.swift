import Foundation
import Testing

/// Compares `svg` with `Snapshots/<name>.svg` next to this file.
///
/// A mismatch or a missing file fails the test. Set `KL_RECORD_SNAPSHOTS=1` to (re)write the
/// files instead, then review the diff and commit them.
func assertSnapshot(_ svg: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name + ".svg")
    if ProcessInfo.processInfo.environment["KL_RECORD_SNAPSHOTS"] == "1" {
        do { try svg.write(to: url, atomically: true, encoding: .utf8) } catch {
            Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let recorded = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot at \(url.path); run with KL_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if recorded != svg {
        let a = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        let b = svg.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record(
            """
            snapshot \(name).svg differs at line \(line + 1):
              recorded: \(line < a.count ? String(a[line]) : "<end>")
              rendered: \(line < b.count ? String(b[line]) : "<end>")
            run with KL_RECORD_SNAPSHOTS=1 to accept the new picture
            """, sourceLocation: sourceLocation)
    }
}
