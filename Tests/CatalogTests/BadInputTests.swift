import Contracts
import Foundation
import KLTesting
import RPC
import SwiftProtobuf
import Testing

/// Input no handler should ever see, refused at the door with the field named, and errors that
/// stay short whatever the caller sent.
@Suite("Bad input over RPC: NUL, undefined enum values, huge inputs")
struct BadInputTests {
    typealias GetOrganisation = Kunskapsloop_Catalog_V1_GetOrganisationRequest
    typealias GetOrganisationResponse = Kunskapsloop_Catalog_V1_GetOrganisationResponse

    @Test func aNULInTextIsInvalidArgumentNamingTheField() async throws {
        try await withCatalog { catalog in
            do throws(RPCError) {
                _ = try await catalog.call("SearchKnowledgeSupports", Search.with { $0.query = "reuma\u{0}tisk" }, returning: SearchResponse.self)
                Issue.record("a NUL in the query was not refused")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.field == "query")
                #expect(error.message.contains("NUL"))
            }
            do throws(RPCError) {
                _ = try await catalog.call("GetOrganisation", GetOrganisation.with { $0.id = "SE\u{0}-12" }, returning: GetOrganisationResponse.self)
                Issue.record("a NUL in the organisation id was not refused")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.field == "id")
            }
        }
    }

    @Test func anUndefinedEnumValueInAFilterIsInvalidArgument() async throws {
        try await withCatalog { catalog in
            do throws(RPCError) {
                _ = try await catalog.call(
                    "SearchKnowledgeSupports", Search.with { $0.kinds = [.carePathway, .UNRECOGNIZED(999)] },
                    returning: SearchResponse.self)
                Issue.record("kinds: [999] was not refused")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.field == "kinds")
                #expect(error.message.contains("999"))
            }
            // Defined values still pass.
            _ = try await catalog.call("SearchKnowledgeSupports", Search.with { $0.kinds = [.carePathway] }, returning: SearchResponse.self)
        }
    }

    @Test func anErrorAboutAHugeInputIsShortAndArrives() async throws {
        try await withCatalog { catalog in
            let slug = String(repeating: "a", count: 200_000)
            do throws(RPCError) {
                _ = try await catalog.call("GetKnowledgeSupport", GetSupport.with { $0.slug = slug }, returning: GetSupportResponse.self)
                Issue.record("an unknown 200 000-character slug was found")
            } catch {
                #expect(error.code == .notFound, "answered, not a deadline: \(error)")
                #expect(error.message.count < 300)
                #expect(error.message.contains("200000 characters"))
            }
        }
    }
}
