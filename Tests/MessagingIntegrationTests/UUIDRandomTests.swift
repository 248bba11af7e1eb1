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
}
