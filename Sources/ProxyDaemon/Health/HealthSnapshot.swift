import Foundation
import ProxyCore

/// The proxy's health at one instant, as upstream's `ProxyHealthServer.Health()` computes it,
/// rendered as its `ProxyHealth` JSON.
struct HealthSnapshot {
    /// One family's proxier: when it last synced and whether it is on time.
    struct FamilyStatus {
        let family: IPFamily
        let lastUpdated: Date
        let isHealthy: Bool
    }

    /// Whether no family has a queued update pending for longer than the timeout.
    let isHealthy: Bool
    /// The latest successful sync over all families; nil before any.
    let lastUpdated: Date?
    let currentTime: Date
    /// The families that synced at least once, in name order (as Go sorts map keys).
    let status: [FamilyStatus]

    /// The JSON body. When the response succeeds, `lastUpdated` reports the current time, as
    /// upstream does for compatibility with releases that reported the last sync loop run.
    /// - Parameter nodeEligible: included for /healthz, omitted for /livez.
    func json(succeeded: Bool, nodeEligible: Bool?) -> String {
        let reportedUpdate = succeeded ? currentTime : lastUpdated
        var json = #"{"lastUpdated":"\#(GoTime.format(reportedUpdate))","currentTime":"\#(GoTime.format(currentTime))""#
        if let nodeEligible { json += #","nodeEligible":\#(nodeEligible)"# }
        json += #","healthy":\#(isHealthy)"#
        if !status.isEmpty {
            let families = status.map {
                #""\#($0.family.rawValue)":{"lastUpdated":"\#(GoTime.format($0.lastUpdated))","#
                    + #""healthy":\#($0.isHealthy)}"#
            }
            json += #","status":{"# + families.joined(separator: ",") + "}"
        }
        return json + "}"
    }
}
