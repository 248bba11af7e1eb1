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

    @Test func theLowerCaseFormIsFoundationsLowerCased() {
        for id in (0..<1_000).map({ _ in UUID.random() }) + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))] {
            #expect(id.lowercasedString == id.uuidString.lowercased())
        }
        #expect(UUID(uuidString: "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9")!.lowercasedString == "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
    }
}
