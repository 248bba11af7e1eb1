import Foundation
import KLTesting
import NIOCore
import PostgresNIO
import Storage
import Testing

@Suite("COPY rows in PostgreSQL's text format")
struct CopyRowsTests {
    static let awkwardTexts = [
        "plain", "", "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.", "å ä ö 🙂",
        "\t\n\r\\ all at once",
    ]

    @Test func writesFieldsTabSeparatedWithEscapesAndNULL() {
        var rows = CopyRows(capacity: 64)
        rows.text("a\tb\\c")
        rows.integer(-42)
        rows.boolean(true)
        rows.null()
        rows.text(nil as String?)
        rows.endRow()
        rows.text("x\ny\rz")
        rows.endRow()
        #expect(String(buffer: rows.buffer) == "a\\tb\\\\c\t-42\tt\t\\N\t\\N\nx\\ny\\rz\n")
    }

    @Test(
        arguments: [
            (0.0, "1970-01-01 00:00:00+00"),
            (946_684_800, "2000-01-01 00:00:00+00"),
            (1_764_583_200.25, "2025-12-01 10:00:00.250000+00"),
            (1_709_164_800.000001, "2024-02-29 00:00:00.000001+00"),
            (-0.5, "1969-12-31 23:59:59.500000+00"),
            (253_402_300_799, "9999-12-31 23:59:59+00"),
        ] as [(Double, String)])
    func writesTimestampsInUTC(seconds: Double, expected: String) {
        var rows = CopyRows(capacity: 32)
        rows.timestamp(seconds: seconds)
        #expect(String(buffer: rows.buffer) == expected)
        if seconds == seconds.rounded(.down) {
            var whole = CopyRows(capacity: 32)
            whole.timestamp(seconds: Int64(seconds))
            #expect(String(buffer: whole.buffer) == expected)
        }
    }

    @Test func whatGoesInIsWhatPostgreSQLReadsBack() async throws {
        try await withScratchSchema { db, schema in
            try await db.query(
                "CREATE TABLE \(unescaped: schema).copied (n int, t text, flag boolean, at timestamptz)", logger: LocalStack.logger)
            let times: [Double] = [0, 1_764_583_200.25, -0.5, 253_402_300_799]
            var rows = CopyRows(capacity: 1024)
            for (n, text) in Self.awkwardTexts.enumerated() {
                rows.integer(n)
                rows.text(text)
                if n.isMultiple(of: 3) { rows.null() } else { rows.boolean(n.isMultiple(of: 2)) }
                rows.timestamp(seconds: times[n % times.count])
                rows.endRow()
            }
            rows.integer(Self.awkwardTexts.count)
            rows.text(nil as String?)
            rows.null()
            rows.null()
            rows.endRow()
            // The bare name resolves through the scratch connection's search_path.
            try await db.withConnection { connection in
                try await connection.copyFrom(table: "copied", columns: ["n", "t", "flag", "at"], logger: LocalStack.logger) {
                    try await $0.write(rows.buffer)
                }
            }
            var read: [Int: (String?, Bool?, Date?)] = [:]
            let result = try await db.query("SELECT n, t, flag, at FROM \(unescaped: schema).copied", logger: LocalStack.logger)
            for try await (n, text, flag, at) in result.decode((Int, String?, Bool?, Date?).self) { read[n] = (text, flag, at) }
            #expect(read.count == Self.awkwardTexts.count + 1)
            for (n, text) in Self.awkwardTexts.enumerated() {
                #expect(read[n]?.0 == text)
                #expect(read[n]?.1 == (n.isMultiple(of: 3) ? nil : n.isMultiple(of: 2)))
                #expect(abs((read[n]?.2?.timeIntervalSince1970 ?? .nan) - times[n % times.count]) < 1e-6)
            }
            let last = read[Self.awkwardTexts.count]
            #expect(last?.0 == nil && last?.1 == nil && last?.2 == nil)
        }
    }
}
