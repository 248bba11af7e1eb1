import CatalogProjection
import Domain
import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// The leader's pages on the service's HTTP port: `/indicators/{code}/{organisation}`,
/// `/charts/{code}/{organisation}.svg`, `/organisations/{id}` and `/assessments/{id}`. What does
/// not exist is a 404 page that says so, never a crash.
struct PageRoutes: Sendable {
    let parts: FollowUpParts
    let templates: PageTemplates

    init(parts: FollowUpParts) throws {
        self.parts = parts
        templates = try PageTemplates()
    }

    struct NotFound { let pageTitle: String, rootID: String, generatedAt: String, ruleSetName: String?, heading: String, message: String }

    func add(to router: Router<BasicRequestContext>) throws {
        router.get("/indicators/:code/:organisation") { request, context -> Response in
            let (code, org) = (Self.decoded(context.parameters.get("code")), Self.decoded(context.parameters.get("organisation")))
            return try await indicatorPage(
                code: code, organisation: org, stratum: request.uri.queryParameters["stratum"].map(String.init),
                gap: request.uri.queryParameters["gap"].map(String.init), svgOnly: false)
        }
        router.get("/charts/:code/:file") { request, context -> Response in
            let file = Self.decoded(context.parameters.get("file"))
            guard file.hasSuffix(".svg") else { return notFound("Sidan finns inte", "Diagram hämtas som /charts/{indikator}/{organisation}.svg.") }
            return try await indicatorPage(
                code: Self.decoded(context.parameters.get("code")), organisation: String(file.dropLast(4)),
                stratum: request.uri.queryParameters["stratum"].map(String.init),
                gap: request.uri.queryParameters["gap"].map(String.init), svgOnly: true)
        }
        router.get("/organisations/:id") { _, context -> Response in
            let id = Self.decoded(context.parameters.get("id"))
            return try await parts.database.read { connection in
                guard let org = try await parts.store.catalog.organisation(id, on: connection) else {
                    return notFound("Organisationen finns inte", "Katalogen har ingen organisation med id ”\(id.prefix(100))”.")
                }
                return html(templates.render(try await OrganisationPage.build(org, parts: parts, on: connection), "organisation"))
            }
        }
        router.get("/assessments/:id") { _, context -> Response in
            let id = Self.decoded(context.parameters.get("id"))
            return try await parts.database.read { connection in
                guard let a = try await parts.store.assessment(id.lowercased(), on: connection) else {
                    return notFound("Självskattningen finns inte", "Det finns ingen självskattning med id ”\(id.prefix(100))”.")
                }
                return html(templates.render(try await AssessmentPage.build(a, parts: parts, on: connection), "assessment"))
            }
        }
    }

    func indicatorPage(code: String, organisation: String, stratum: String?, gap: String?, svgOnly: Bool) async throws -> Response {
        let population: SeriesPopulation
        if let stratum, !stratum.isEmpty {
            guard let p = SeriesPopulation(key: stratum + (gap.map { "/\($0)" } ?? "")) else {
                return notFound("Gruppen finns inte", "”\(stratum.prefix(100))” är ingen grupp (skriv dimension:värde, t.ex. kon:kvinnor).")
            }
            population = p
        } else {
            population = .total
        }
        return try await parts.database.read { connection in
            do {
                let snapshot = try await SeriesSnapshot.load(parts, code: code, organisationID: organisation, population: population, on: connection)
                if svgOnly {
                    let svg = IndicatorPage.chart(snapshot.analysis, organisationName: snapshot.organisation.organisation.name)
                    return Response(
                        status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
                }
                return html(templates.render(try await IndicatorPage.build(snapshot, parts: parts, on: connection), "indicator"))
            } catch let problem as SeriesSnapshot.Problem {
                switch problem {
                case .unknownIndicator: return notFound("Indikatorn finns inte", "Det finns ingen indikator med koden ”\(code.prefix(100))”.")
                case .unknownOrganisation:
                    return notFound("Organisationen finns inte", "Katalogen har ingen organisation med id ”\(organisation.prefix(100))”.")
                case .unknownStratum: return notFound("Gruppen finns inte", "Indikatorn delas inte upp på det sättet.")
                case .noValues: return notFound("Inga värden ännu", "Det finns inga värden för den här indikatorn och organisationen ännu.")
                }
            }
        }
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func notFound(_ heading: String, _ message: String) -> Response {
        html(
            templates.render(
                NotFound(
                    pageTitle: heading, rootID: "SE", generatedAt: PageFormat.stamp(Date()), ruleSetName: nil, heading: heading,
                    message: message), "notfound"), status: .notFound)
    }

    static func decoded(_ text: String?) -> String { (text ?? "").removingPercentEncoding ?? text ?? "" }
}
