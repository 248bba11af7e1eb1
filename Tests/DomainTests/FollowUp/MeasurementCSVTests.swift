import Domain
import Testing

@Suite("The quality register's CSV: good lines kept, bad lines reported with their number")
struct MeasurementCSVTests {
    @Test("comma-separated with a header, quotes, a stratum, comments and blank lines")
    func comma() throws {
        let text = """
            # RiksSvikt, export 2026-03
            indicator,organisation,period,numerator,denominator,stratum,note
            hjartsvikt-30d,SE-03,2026-02,42,50,,
            hjartsvikt-30d,SE-03,2026-02,20,24,kon:kvinnor,"Ny mall, från v. 12"

            hjartsvikt-30d,SE-03,2026-13,1,2,,
            hjartsvikt-30d,,2026-02,1,2,,
            hjartsvikt-30d,SE-03,2026-02,x,2,,
            """
        let (lines, problems) = MeasurementCSV.parse(text)
        #expect(lines.map(\.number) == [3, 4])
        #expect(lines[1].note == "Ny mall, från v. 12" && lines[1].stratum == Stratum(dimension: "kon", value: "kvinnor"))
        #expect(lines[0].period == (try Period.month(2026, 2)) && lines[0].numerator == 42 && lines[0].denominator == 50)
        #expect(problems.map(\.line) == [6, 7, 8])
        #expect(problems[0].message.contains("month 13"))
    }

    @Test("semicolons and decimal commas, Swedish headers")
    func swedish() {
        let text = "indikator;enhet;period;värde\nledtid;SE-03;2026-Q1;12,5\nledtid;SE-03;2026-Q2;1 234,0\n"
        let (lines, problems) = MeasurementCSV.parse(text)
        #expect(problems.isEmpty)
        #expect(lines.map(\.value) == [12.5, 1234])
    }

    @Test("a header without the needed columns is one problem")
    func badHeader() {
        #expect(MeasurementCSV.parse("a,b,c\n1,2,3").problems.first?.line == 1)
        #expect(MeasurementCSV.parse("indicator,organisation,period\nx,y,2026-01").problems.first?.message.contains("numerator") == true)
        #expect(MeasurementCSV.parse("").problems.count == 1)
    }

    @Test("rows in the value type's shape")
    func shapes() throws {
        let (lines, _) = MeasurementCSV.parse(
            "indicator,organisation,period,numerator,denominator,value\na,o,2026-01,3,1250,\nb,o,2026-01,,,7.5\nc,o,2026-01,2.5,4,")
        #expect(try MeasurementCSV.row(lines[0], valueType: .rate).get().value == .rate(count: 3, exposure: 1250))
        #expect(try MeasurementCSV.row(lines[0], valueType: .proportion).get().value == .ratio(numerator: 3, denominator: 1250))
        #expect(try MeasurementCSV.row(lines[1], valueType: .measurement).get().value == .value(7.5))
        #expect((try? MeasurementCSV.row(lines[1], valueType: .proportion).get()) == nil)
        #expect((try? MeasurementCSV.row(lines[2], valueType: .proportion).get()) == nil)
        #expect(try MeasurementCSV.row(lines[0], valueType: .count).get().value == .count(3))
    }
}
