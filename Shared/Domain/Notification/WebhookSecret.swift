import Foundation

/// A webhook signing secret as the Standard Webhooks convention writes it: `whsec_` followed by
/// the base64 of the key (24–64 random bytes). Receivers pass the same text to their library.
public enum WebhookSecret {
    /// The key bytes, or nil when `secret` is not of that form.
    public static func key(_ secret: String) -> [UInt8]? {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let data = Data(base64Encoded: encoded) else { return nil }
        return [UInt8](data)
    }

    /// Why `secret` cannot sign, or nil.
    public static func problem(_ secret: String) -> String? {
        guard secret.hasPrefix("whsec_") else {
            return "the secret must be 'whsec_' followed by the base64 of 24–64 random bytes (Standard Webhooks)"
        }
        guard let key = key(secret) else { return "the part after 'whsec_' is not base64" }
        guard (24...64).contains(key.count) else { return "the key is \(key.count) bytes; give 24–64 random bytes" }
        return nil
    }

    /// A fresh secret from `bytes` (24–64 random bytes).
    public static func make(_ bytes: [UInt8]) -> String { "whsec_" + Data(bytes).base64EncodedString() }
}
