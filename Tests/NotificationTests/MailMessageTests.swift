import Foundation
import Mail
import Testing

@Suite("E-mail as RFC 5322 text")
struct MailMessageTests {
    @Test func multipartWithThreadingAndUnsubscribe() throws {
        let message = MailMessage(
            from: MailAddress("notiser@kunskapsloop.local", name: "Kunskapsloop"), to: [MailAddress("anna@x.se", name: "Anna Åström")],
            subject: "Kunskapsloop: Försämring – Akademiska sjukhuset", text: "Hej Anna,\nrad två", html: "<p>Hej</p>",
            messageID: "d2@kunskapsloop", inReplyTo: "d1@kunskapsloop", references: ["d1@kunskapsloop"],
            unsubscribeURL: "http://127.0.0.1:8084/unsubscribe/abc", date: Date(timeIntervalSince1970: 0))
        let text = String(decoding: message.rendered(boundary: "B"), as: UTF8.self)
        #expect(text.contains("\r\nMessage-ID: <d2@kunskapsloop>\r\n"))
        #expect(text.contains("\r\nIn-Reply-To: <d1@kunskapsloop>\r\n"))
        #expect(text.contains("\r\nReferences: <d1@kunskapsloop>\r\n"))
        #expect(text.contains("\r\nList-Unsubscribe: <http://127.0.0.1:8084/unsubscribe/abc>\r\n"))
        #expect(text.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"B\""))
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(text.contains("To: =?UTF-8?B?"))
        #expect(text.components(separatedBy: "--B").count == 4)
        // Every line is ASCII and short, as SMTP wants.
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.allSatisfy { $0 < 0x80 })
            #expect(line.utf8.count <= 998)
        }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func longSubjectsSplitIntoWordsOfAtMost75Characters() {
        let subject = String(repeating: "Försämring på Akademiska sjukhuset ", count: 6)
        let message = MailMessage(from: MailAddress("a@x.se"), to: [MailAddress("b@x.se")], subject: subject, text: "x", messageID: "m@x")
        let text = String(decoding: message.rendered(), as: UTF8.self)
        let header = text.components(separatedBy: "\r\nDate:")[0].components(separatedBy: "Subject: ")[1]
        let words = header.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        for word in words { #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=")) }
        let decoded = words.map { word -> String in
            let inner = word.dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(inner)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == subject.trimmingCharacters(in: .init()))
    }
}
