import Contracts
import Domain
import Foundation
import KLTesting
import Messaging
import PostgresNIO
import RPC
import SwiftProtobuf
import Testing

typealias SubmitRequest = Kunskapsloop_Feedback_V1_SubmitFeedbackRequest
typealias SubmitResponse = Kunskapsloop_Feedback_V1_SubmitFeedbackResponse
typealias ListRequest = Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest
typealias ListResponse = Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse

@Suite("RPCs: submit with idempotency, list items with filters and paging, summaries")
struct RPCTests {
    @Test func submitIsIdempotentAndRefusesWithTheField() async throws {
        try await withFeedback { f in
            let slug = "rpc-\(UUID().uuidString.prefix(8).lowercased())"
            let id = try await f.knownSupport(slug: slug)
            let request = SubmitRequest.with {
                $0.feedback = .valid(slug: slug) {
                    $0.kind = .experience
                    $0.text = "Min e-post är x@y.se"
                }
                $0.idempotencyKey = UUID().uuidString.lowercased()
            }
            let first = try await f.call("SubmitFeedback", request, returning: SubmitResponse.self)
            #expect(!first.duplicate && first.item.knowledgeSupportID == id && first.item.text == "Min e-post är [e-post]")
            let again = try await f.call("SubmitFeedback", request, returning: SubmitResponse.self)
            #expect(again.duplicate && again.item.id == first.item.id)
            #expect(try await f.count("SELECT count(*) FROM \(unescaped: f.service).items") == 1)
            let recorded = try await f.events.first("feedback.recorded.v1", Recorded.self) { $0.items.contains { $0.itemID == first.item.id } }
            #expect(recorded.items.count == 1, "a request is its own batch")

            do {
                _ = try await f.call(
                    "SubmitFeedback",
                    SubmitRequest.with {
                        $0.feedback = .valid(slug: slug) {
                            $0.kind = .rating
                            $0.rating = 9
                        }
                    },
                    returning: SubmitResponse.self)
                Issue.record("a rating of 9 was accepted")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument && error.field == "feedback.rating")
            }
            do {
                _ = try await f.call("SubmitFeedback", SubmitRequest.with { $0.feedback = .valid(slug: "finns-inte") }, returning: SubmitResponse.self)
                Issue.record("an unknown support was accepted")
            } catch let error as RPCError {
                #expect(error.code == .notFound && error.field == "feedback.knowledge_support_slug")
            }
            #expect(f.events.all("feedback.rejected.v1", Rejected.self).isEmpty, "an RPC caller hears at once; no event")
        }
    }

    @Test func itemsAreListedNewestFirstFilteredAndPaged() async throws {
        try await withFeedback { f in
            let slug = "lista-\(UUID().uuidString.prefix(8).lowercased())"
            let id = try await f.knownSupport(slug: slug)
            let other = "annat-\(UUID().uuidString.prefix(8).lowercased())"
            try await f.knownSupport(slug: other)
            for i in 0..<5 {
                _ = try await f.call(
                    "SubmitFeedback",
                    SubmitRequest.with {
                        $0.feedback = .valid(slug: slug) {
                            $0.kind = .rating
                            $0.rating = Int32(i % 5 + 1)
                            $0.respondentRole = i.isMultiple(of: 2) ? .patient : .professional
                        }
                    }, returning: SubmitResponse.self)
            }
            _ = try await f.call("SubmitFeedback", SubmitRequest.with { $0.feedback = .valid(slug: slug) }, returning: SubmitResponse.self)
            _ = try await f.call("SubmitFeedback", SubmitRequest.with { $0.feedback = .valid(slug: other) }, returning: SubmitResponse.self)

            var request = ListRequest.with {
                $0.knowledgeSupportID = id
                $0.kinds = [.rating]
                $0.page.pageSize = 2
            }
            var seen: [Int32] = []
            var pages = 0
            while true {
                let page = try await f.call("ListFeedbackItems", request, returning: ListResponse.self)
                #expect(page.page.totalSize == 5)
                seen += page.items.map(\.rating)
                pages += 1
                if page.page.nextPageToken.isEmpty { break }
                request.page.pageToken = page.page.nextPageToken
            }
            #expect(pages == 3 && seen == [5, 4, 3, 2, 1], "newest first")
            let patients = try await f.call(
                "ListFeedbackItems",
                ListRequest.with {
                    $0.knowledgeSupportID = id
                    $0.respondentRoles = [.patient]
                    $0.periods.first = Kunskapsloop_Common_V1_Period(StockholmTime.period(containing: Int64(Date().timeIntervalSince1970), granularity: .month))
                    $0.periods.last = $0.periods.first
                }, returning: ListResponse.self)
            #expect(patients.items.count == 4, "three ratings and the helpfulness answer")
            // A token used with other filters is refused.
            do {
                _ = try await f.call("ListFeedbackItems", ListRequest.with { $0.page.pageToken = request.page.pageToken }, returning: ListResponse.self)
                Issue.record("a token from another request was accepted")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument && error.field == "page.page_token")
            }
        }
    }
}
