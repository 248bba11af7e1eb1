import Domain
import Foundation
import Hummingbird
import PostgresNIO
import Storage

/// The e-mail unsubscribe link (`List-Unsubscribe`) on the service's HTTP port. GET shows a page
/// with a button (link scanners in mail systems follow GETs, which must change nothing); POST,
/// from that button or a mail client's one-click (RFC 8058), stops e-mail: the e-mail channel is
/// removed, or the recipient deactivated when it was the only one, and pending e-mails suppressed.
enum UnsubscribeRoutes {
    static func add(to router: Router<BasicRequestContext>, store: NotificationStore) {
        router.get("unsubscribe/:token") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            guard let stored = try await store.read({ tx in try await store.recipient(unsubscribeToken: token, on: tx) }) else {
                return page(.notFound, "Länken gäller inte", "Länken är okänd eller gammal. Kontakta din administratör om du vill ändra dina notiser.")
            }
            guard stored.recipient.active, stored.recipient.channels.contains(.email) else {
                return page(.ok, "Redan avregistrerad", "\(escape(stored.recipient.email)) får inte längre e-post från Kunskapsloop.")
            }
            return page(
                .ok, "Avregistrera från e-post",
                """
                Vill du att \(escape(stored.recipient.email)) slutar få e-post från Kunskapsloop?</p>
                <form method="post"><button type="submit">Avregistrera</button></form><p>
                """)
        }
        router.post("unsubscribe/:token") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            let email = try await store.transaction { tx -> String? in
                guard let stored = try await store.recipient(unsubscribeToken: token, on: tx) else { return nil }
                let channels = stored.recipient.channels.filter { $0 != .email }.map(\.rawValue)
                try await tx.query(
                    """
                    UPDATE \(unescaped: store.table("recipients")) SET channels = CASE WHEN cardinality(\(channels)::text[]) = 0
                        THEN channels ELSE \(channels)::text[] END, active = active AND cardinality(\(channels)::text[]) > 0,
                        updated_at = now(), updated_by = 'unsubscribe-link'
                    WHERE id = \(stored.recipient.id)
                    """)
                try await store.suppressPending(
                    recipient: stored.recipient.id, channel: .email,
                    reason: NotificationWording.suppressedUnsubscribed, on: tx)
                return stored.recipient.email
            }
            guard let email else {
                return page(.notFound, "Länken gäller inte", "Länken är okänd eller gammal. Kontakta din administratör om du vill ändra dina notiser.")
            }
            return page(.ok, "Du är avregistrerad", "\(escape(email)) får inte längre e-post från Kunskapsloop.")
        }
    }

    static func page(_ status: HTTPResponse.Status, _ title: String, _ body: String) -> Response {
        let html = """
            <!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body style="font-family: Arial, sans-serif; max-width: 560px; margin: 40px auto;"><h1>\(title)</h1><p>\(body)</p></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
