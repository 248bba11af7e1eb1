import CCurl
import Foundation
import NIOPosix

/// Sends e-mail through libcurl's SMTP: STARTTLS and AUTH when configured, the message given
/// whole. curl's calls block, so they run on a thread pool of the client's own, never on the
/// cooperative pool; its size bounds the sends in flight.
///
/// Call `start()` before sending and `shutdown()` when done.
public final class SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let pool: NIOThreadPool

    /// - Parameters:
    ///   - threads: sends at once (default 4).
    public init(configuration: SMTPConfiguration, threads: Int = 4) {
        _ = Self.globalInit
        self.configuration = configuration
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
    }

    /// Once per process, before any thread uses curl (curl_global_init is not thread-safe).
    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public func start() { pool.start() }

    public func shutdown() async { try? await pool.shutdownGracefully() }

    /// Sends `message` from `sender` (the envelope's MAIL FROM) to every address in `message.to`.
    /// - Throws: `SMTPError` with the server's reply code when it refused, curl's code otherwise.
    public func send(_ message: MailMessage, sender: String) async throws {
        let configuration = configuration
        let bytes = message.rendered()
        let recipients = message.to.map(\.address)
        let result: Result<Void, SMTPError> = try await pool.runIfActive {
            Self.perform(bytes, sender: sender, recipients: recipients, configuration: configuration)
        }
        try result.get()
    }

    /// One blocking send on the calling thread; the curl handle lives and dies here.
    static func perform(_ bytes: [UInt8], sender: String, recipients: [String], configuration: SMTPConfiguration) -> Result<Void, SMTPError> {
        guard let handle = curl_easy_init() else {
            return .failure(SMTPError(replyCode: 0, curlCode: -1, message: "curl_easy_init failed"))
        }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for recipient in recipients { list = curl_slist_append(list, "<\(recipient)>") }
        defer { curl_slist_free_all(list) }
        let upload = Upload(bytes)
        var errorBuffer = [CChar](repeating: 0, count: Int(KL_CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            _ = kl_curl_setopt_pointer(handle, KL_CURLOPT_ERRORBUFFER, errors.baseAddress)
            _ = kl_curl_setopt_long(handle, KL_CURLOPT_NOSIGNAL, 1)
            _ = kl_curl_setopt_string(handle, KL_CURLOPT_URL, configuration.url)
            _ = kl_curl_setopt_string(handle, KL_CURLOPT_MAIL_FROM, "<\(sender)>")
            _ = kl_curl_setopt_slist(handle, KL_CURLOPT_MAIL_RCPT, list)
            _ = kl_curl_setopt_long(handle, KL_CURLOPT_UPLOAD, 1)
            _ = kl_curl_setopt_long(handle, KL_CURLOPT_INFILESIZE, bytes.count)
            _ = kl_curl_setopt_long(handle, KL_CURLOPT_USE_SSL, configuration.requireTLS ? KL_CURLUSESSL_ALL : KL_CURLUSESSL_NONE)
            _ = kl_curl_setopt_long(handle, KL_CURLOPT_CONNECTTIMEOUT_MS, milliseconds(configuration.connectTimeout))
            _ = kl_curl_setopt_long(handle, KL_CURLOPT_TIMEOUT_MS, milliseconds(configuration.timeout))
            if let username = configuration.username { _ = kl_curl_setopt_string(handle, KL_CURLOPT_USERNAME, username) }
            if let password = configuration.password { _ = kl_curl_setopt_string(handle, KL_CURLOPT_PASSWORD, password) }
            if let caFile = configuration.caFile { _ = kl_curl_setopt_string(handle, KL_CURLOPT_CAINFO, caFile) }
            _ = kl_curl_setopt_read_function(handle) { buffer, size, count, user in
                guard let buffer, let user else { return 0 }
                return Unmanaged<Upload>.fromOpaque(user).takeUnretainedValue().read(into: buffer, capacity: size * count)
            }
            return withExtendedLifetime(upload) {
                _ = kl_curl_setopt_pointer(handle, KL_CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque())
                return curl_easy_perform(handle)
            }
        }
        guard code != CURLE_OK else { return .success(()) }
        var reply = 0
        _ = kl_curl_response_code(handle, &reply)
        let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return .failure(SMTPError(replyCode: reply >= 400 ? reply : 0, curlCode: Int(code.rawValue), message: text))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// The message bytes curl reads from as it uploads; used by one thread only, within one send.
private final class Upload {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
