import Foundation

enum Config {
    static let anthropicKey = ProcessInfo.processInfo.environment["ANTHROPIC_API_KEY"] ?? ""
    static let groqKey = "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"
    static let mistralAPIKey = "tKuUBJrxijvh1CDs4OUFP9XIfuIUvz5Q"
    static let buildID = "AAF12594-E40C-4D92-A822-3E2B05804CDB"
}
