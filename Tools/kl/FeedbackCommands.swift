import ArgumentParser
import Contracts
import Domain
import Foundation
import Messaging
import RPC
import SwiftProtobuf

/// `kl feedback submit|summaries|items`: the feedback service's RPCs with flags instead of JSON.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Submit feedback, read summaries per period, list (redacted) items.",
        subcommands: [FeedbackSubmit.self, FeedbackSummaries.self, FeedbackItems.self])
}

struct FeedbackSubmit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Submit one feedback item (same checks as the broker intake).",
        discussion: "Example: kl feedback submit --slug hjartsvikt-vardforlopp --kind helpfulness --helpful yes --role patient")

    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("support-id"), help: "The knowledge support's catalog id.") var supportID: String?
    @Option(help: "Or its slug.") var slug: String?
    @Option(help: "Or the URL it is read at.") var url: String?
    @Option(help: "helpfulness, rating, experience or improvement_suggestion.") var kind: String
    @Option(help: "yes or no (for helpfulness).") var helpful: String?
    @Option(help: "1–5 (for rating).") var rating: Int?
    @Option(help: "The text (for experience and improvement_suggestion).") var text: String?
    @Option(help: "A free-text comment.") var comment: String = ""
    @Option(help: "patient, relative, professional or unknown.") var role: String = "unknown"
    @Option(help: "The organisation's catalog id.") var organisation: String = ""
    @Option(name: .customLong("occurred-at"), help: "ISO 8601 with offset (default: now).") var occurredAt: String?
    @Option(name: .customLong("source-system"), help: "The sending system's name.") var sourceSystem: String = "kl"
    @Option(name: .customLong("idempotency-key"), help: "Repeat a submission safely with the same key (default: a new one).")
    var idempotencyKey: String = UUID().lowercasedString

    func run() async throws {
        var feedback = Kunskapsloop_Feedback_V1_FeedbackSubmitted()
        switch (supportID, slug, url) {
        case let (id?, nil, nil): feedback.knowledgeSupportID = id
        case let (nil, slug?, nil): feedback.knowledgeSupportSlug = slug
        case let (nil, nil, url?): feedback.knowledgeSupportURL = url
        default: throw ValidationError("give exactly one of --support-id, --slug, --url")
        }
        guard let kind = FeedbackKind(rawValue: kind) else { throw ValidationError("--kind: helpfulness, rating, experience or improvement_suggestion") }
        feedback.kind = kind.contract
        switch (helpful, rating, text) {
        case let (answer?, nil, nil):
            guard ["yes", "no"].contains(answer) else { throw ValidationError("--helpful: yes or no") }
            feedback.helpful = answer == "yes"
        case let (nil, rating?, nil): feedback.rating = Int32(clamping: rating)
        case let (nil, nil, text?): feedback.text = text
        default: throw ValidationError("give exactly one answer: --helpful, --rating or --text")
        }
        guard let role = RespondentRole(rawValue: role) else { throw ValidationError("--role: patient, relative, professional or unknown") }
        feedback.respondentRole = role.contract
        feedback.comment = comment
        feedback.organisationID = organisation
        if let occurredAt {
            guard let date = ISO8601DateFormatter().date(from: occurredAt) else { throw ValidationError("--occurred-at: ISO 8601, e.g. 2026-03-01T12:00:00Z") }
            feedback.occurredAt = Google_Protobuf_Timestamp(date: date)
        } else {
            feedback.occurredAt = Google_Protobuf_Timestamp(date: Date())
        }
        feedback.sourceSystem = sourceSystem
        let request = Kunskapsloop_Feedback_V1_SubmitFeedbackRequest.with {
            $0.feedback = feedback
            $0.idempotencyKey = idempotencyKey
        }
        try await runFeedbackCall(options, "SubmitFeedback", request, Kunskapsloop_Feedback_V1_SubmitFeedbackResponse.self) { response in
            let item = response.item
            return [
                ["id", "support", "kind", "answer", "redactions", "week", "duplicate"],
                [
                    item.id, item.knowledgeSupportID, FeedbackKind(item.kind)?.rawValue ?? "-", answerText(item),
                    "\(item.redactionCount)", periodText(item.week), "\(response.duplicate)",
                ],
            ]
        }
    }
}

struct FeedbackSummaries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summaries", abstract: "Summaries of one knowledge support over a range of ISO weeks or months.",
        discussion: "Example: kl feedback summaries 3f0c… --from 2026-W01 --to 2026-W10")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The knowledge support's catalog id.") var supportID: String
    @Option(help: "First period: 2026-W01 or 2026-01.") var from: String
    @Option(help: "Last period, same kind as --from.") var to: String
    @Option(help: "Only feedback about this organisation.") var organisation: String?

    func run() async throws {
        let request = try Kunskapsloop_Feedback_V1_GetFeedbackSummariesRequest.with {
            $0.knowledgeSupportID = supportID
            $0.periods = try periodRange(from, to)
            if let organisation { $0.organisationID = organisation }
        }
        try await runFeedbackCall(options, "GetFeedbackSummaries", request, Kunskapsloop_Feedback_V1_GetFeedbackSummariesResponse.self) { response in
            [["period", "total", "yes", "no", "share", "ratings 1-5", "mean", "revision", "closed"]]
                + response.summaries.map { s in
                    [
                        periodText(s.period), "\(s.totalCount)", "\(s.helpfulYesCount)", "\(s.helpfulNoCount)",
                        s.hasHelpfulShare ? String(format: "%.2f", s.helpfulShare) : "-", s.ratingCounts.map(String.init).joined(separator: "/"),
                        s.hasRatingMean ? String(format: "%.2f", s.ratingMean) : "-", "\(s.revision)", s.closed ? "yes" : "no",
                    ]
                }
        }
    }
}

struct FeedbackItems: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "items", abstract: "Stored feedback, newest first, redacted; filters combine.",
        discussion: "Example: kl feedback items --support 3f0c… --kind rating --from 2026-W01 --to 2026-W10")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this knowledge support (catalog id).") var support: String = ""
    @Option(help: "Only this kind (repeatable).") var kind: [String] = []
    @Option(help: "Only this respondent role (repeatable).") var role: [String] = []
    @Option(help: "First period (ISO week or month).") var from: String?
    @Option(help: "Last period.") var to: String?
    @Option(help: "Only this organisation.") var organisation: String = ""
    @Option(name: .customLong("page-size"), help: "Items per page (default 20, at most 100).") var pageSize: Int32 = 0
    @Option(name: .customLong("page-token"), help: "The next-page token of the previous page.") var pageToken: String = ""

    func run() async throws {
        let request = try Kunskapsloop_Feedback_V1_ListFeedbackItemsRequest.with {
            $0.knowledgeSupportID = support
            $0.kinds = try kind.map { name in
                guard let kind = FeedbackKind(rawValue: name) else {
                    throw ValidationError("--kind \(name): helpfulness, rating, experience or improvement_suggestion")
                }
                return kind.contract
            }
            $0.respondentRoles = try role.map { name in
                guard let role = RespondentRole(rawValue: name) else { throw ValidationError("--role \(name): patient, relative, professional or unknown") }
                return role.contract
            }
            switch (from, to) {
            case let (from?, to?): $0.periods = try periodRange(from, to)
            case (nil, nil): break
            default: throw ValidationError("give both --from and --to, or neither")
            }
            $0.organisationID = organisation
            $0.page.pageSize = pageSize
            $0.page.pageToken = pageToken
        }
        try await runFeedbackCall(options, "ListFeedbackItems", request, Kunskapsloop_Feedback_V1_ListFeedbackItemsResponse.self) { response in
            var rows = [["id", "occurred", "support", "kind", "answer", "role", "comment"]]
            for item in response.items {
                rows.append([
                    item.id, ISO8601DateFormatter().string(from: item.occurredAt.date), item.knowledgeSupportID,
                    FeedbackKind(item.kind)?.rawValue ?? "-", answerText(item), RespondentRole(item.respondentRole).rawValue,
                    String(item.comment.prefix(60)),
                ])
            }
            rows.append(["total \(response.page.totalSize)", response.page.nextPageToken.isEmpty ? "" : "next: \(response.page.nextPageToken)"])
            return rows
        }
    }
}

/// Calls `feedback.METHOD` and prints the response as JSON or as the table `rows` makes of it.
private func runFeedbackCall<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
    _ options: GlobalOptions, _ method: String, _ request: Request, _ type: Response.Type, rows: @escaping @Sendable (Response) -> [[String]]
) async throws {
    let timeout = Duration.milliseconds(Int(options.timeout * 1000))
    do {
        let response = try await withRPCClient(options) { client in
            try await client.call("feedback.\(method)", request, returning: Response.self, timeout: timeout)
        }
        switch options.output {
        case .json: print(try Output.render(json: try response.jsonString(), as: .json))
        case .table: print(table(rows(response)))
        }
    } catch let error as RPCError {
        FileHandle.standardError.write(Data("kl: \(error)\n".utf8))
        throw ExitCode(1)
    } catch let error as CLIError {
        FileHandle.standardError.write(Data("kl: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// Columns padded to their widest cell.
private func table(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
    }.joined(separator: "\n")
}

private func periodRange(_ from: String, _ to: String) throws -> Kunskapsloop_Common_V1_PeriodRange {
    do {
        let first = try Period(parsing: from)
        let last = try Period(parsing: to)
        return .with {
            $0.first = Kunskapsloop_Common_V1_Period(first)
            $0.last = Kunskapsloop_Common_V1_Period(last)
        }
    } catch {
        throw ValidationError("--from/--to: \(error)")
    }
}

private func answerText(_ item: Kunskapsloop_Feedback_V1_FeedbackItem) -> String {
    switch item.answer {
    case .helpful(let yes)?: yes ? "yes" : "no"
    case .rating(let rating)?: "\(rating)"
    case .text(let text)?: String(text.prefix(40))
    case nil: "-"
    }
}

/// A contract period written as `2026-W07`; "-" when unset.
private func periodText(_ period: Kunskapsloop_Common_V1_Period) -> String {
    period.period?.description ?? "-"
}
