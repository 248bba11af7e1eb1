import Foundation
import Messaging
import Testing

@Suite("UUID.random: version-4 ids without Foundation's per-id file open")
struct UUIDRandomTests {
    @Test func idsAreVersion4RFC4122AndDistinct() {
        let ids = (0..<10_000).map { _ in UUID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = id.uuidString.lowercased()
            // xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx
            #expect(Array(text)[14] == "4", "\(text)")
            #expect("89ab".contains(Array(text)[19]), "\(text)")
            #expect(UUID(uuidString: text) == id)
        }
    }

    /// The ids come from a shared pool of random bytes, refilled every 256 ids: drawn from eight
    /// tasks at once across many refills, none repeats and the random bits are about half ones
    /// (a byte handed out twice, or a wiped one handed out, would show).
    @Test func idsDrawnConcurrentlyAcrossRefillsAreDistinctAndLookRandom() async {
        let ids = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<8 { group.addTask { (0..<5_000).map { _ in UUID.random() } } }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(ids).count == 40_000)
        // 122 random bits per id (version and variant fixed): expected 2,440,000 ones, σ ≈ 1,100.
        let ones = ids.reduce(0) { total, id in
            total + withUnsafeBytes(of: id.uuid) { $0.reduce(0) { $0 + $1.nonzeroBitCount } } - 1 - 1
        }
        #expect(abs(ones - 2_440_000) < 20_000)
    }

    @Test func theLowerCaseFormIsFoundationsLowerCased() {
        for id in (0..<1_000).map({ _ in UUID.random() }) + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))] {
            #expect(id.lowercasedString == id.uuidString.lowercased())
        }
        #expect(UUID(uuidString: "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9")!.lowercasedString == "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
    }
}
