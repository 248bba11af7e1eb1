import Contracts
import Testing

@Suite struct UTF8ValidityTests {
    @Test(
        "UTF-8 validity",
        arguments: [
            ([UInt8](), true), (Array("Hjälp på vägen 👍".utf8), true), ([0x41, 0x80], false), ([0xC3], false),
            ([0xC0, 0xAF], false), ([0xE0, 0x80, 0xAF], false), ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false),
            ([0xF0, 0x9F, 0x91, 0x8D], true), ([0xFF], false), ([0xEF, 0xBB, 0xBF], true),
        ])
    func utf8(bytes: [UInt8], valid: Bool) {
        #expect(UTF8Validity.isValid(bytes) == valid)
    }

    @Test func theFeedbackWireScanNamesTheFieldWithBadUTF8() {
        // Field 9 (comment), length 2, bytes 0x42 0xFF.
        #expect(FeedbackSubmittedWire.firstInvalidUTF8Field([0x4A, 0x02, 0x42, 0xFF]) == "comment")
        #expect(FeedbackSubmittedWire.firstInvalidUTF8Field([0x4A, 0x02, 0x42, 0x43]) == nil)
    }
}
