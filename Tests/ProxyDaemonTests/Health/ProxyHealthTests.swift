import Foundation
import ProxyCore
import Testing
@testable import ProxyDaemon

@Suite struct ProxyHealthTests {
    let clock = SteppedClock()

    func makeHealth(_ policy: ProxyHealth.NodePolicy = .assumeEligible) -> ProxyHealth {
        let clock = clock
        return ProxyHealth(timeout: .seconds(60), nodePolicy: policy, now: { clock.now })
    }

    @Test func aQueuedUpdateLateBeyondTheTimeoutMakesTheProxyUnhealthyUntilUpdated() {
        let health = makeHealth()
        health.updated(.ipv4)
        health.queuedUpdate(.ipv4)
        clock.advance(by: 30)
        health.queuedUpdate(.ipv4)  // does not restart the timeout
        #expect(health.isHealthy)
        clock.advance(by: 30)
        #expect(!health.isHealthy)
        #expect(health.healthzReport().statusCode == 503)
        #expect(health.livezReport().statusCode == 503)
        health.updated(.ipv4)
        #expect(health.isHealthy)
        #expect(health.healthzReport().statusCode == 200)
    }

    @Test func familiesThatNeverSyncedAreNotJudged() {
        let health = makeHealth()
        health.queuedUpdate(.ipv6)
        clock.advance(by: 600)
        #expect(health.isHealthy)
    }

    @Test func nodeEligibilityFollowsThePolicyAndTheNode() throws {
        let watched = makeHealth(.requireNode)
        #expect(!watched.isNodeEligible)
        #expect(!watched.healthzReport().isOK)
        #expect(watched.livezReport().isOK)
        watched.setNode(try NodeInfo(Node(metadata: ObjectMeta(name: "node-a"))))
        #expect(watched.isNodeEligible)

        let manifests = makeHealth(.assumeEligible)
        #expect(manifests.isNodeEligible)
        let deleting = try NodeInfo(Node(metadata: ObjectMeta(name: "node-a", deletionTimestamp: "2026-11-29T07:00:00Z")))
        manifests.setNode(deleting)
        #expect(!manifests.isNodeEligible)
        let taint = try JSONDecoder().decode(Node.Taint.self, from: Data(#"{"key":"ToBeDeletedByClusterAutoscaler"}"#.utf8))
        let draining = try NodeInfo(Node(metadata: ObjectMeta(name: "node-a"), spec: .init(taints: [taint])))
        manifests.setNode(draining)
        #expect(!manifests.isNodeEligible)
    }

    @Test func healthzBodyHasUpstreamsShape() throws {
        let health = makeHealth()
        health.updated(.ipv6)
        health.updated(.ipv4)
        health.queuedUpdate(.ipv4)
        clock.advance(by: 61)
        let report = health.healthzReport()
        #expect(report.json == #"{"lastUpdated":"2027-01-15T08:00:00Z","currentTime":"2027-01-15T08:01:01Z","nodeEligible":true,"healthy":false,"status":{"IPv4":{"lastUpdated":"2027-01-15T08:00:00Z","healthy":false},"IPv6":{"lastUpdated":"2027-01-15T08:00:00Z","healthy":true}}}"#)
        health.updated(.ipv4)
        let object = try Probe.json(health.healthzReport().json)
        #expect(Set(object.keys) == ["lastUpdated", "currentTime", "nodeEligible", "healthy", "status"])
        #expect(object["healthy"] as? Bool == true)
        #expect(object["lastUpdated"] as? String == "2027-01-15T08:01:01Z")  // now, when healthy
    }

    @Test func livezBodyOmitsNodeEligibilityAndReportsZeroTimeBeforeAnySync() throws {
        let health = makeHealth(.requireNode)
        let object = try Probe.json(health.livezReport().json)
        #expect(Set(object.keys) == ["lastUpdated", "currentTime", "healthy"])
        let healthz = try Probe.json(health.healthzReport().json)
        #expect(healthz["lastUpdated"] as? String == "0001-01-01T00:00:00Z")
        #expect(healthz["nodeEligible"] as? Bool == false)
    }

    @Test func timestampsAreFormattedAsGoMarshalsThem() {
        #expect(GoTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(GoTime.format(Date(timeIntervalSince1970: 1.5)) == "1970-01-01T00:00:01.5Z")
        #expect(GoTime.format(Date(timeIntervalSince1970: 1_800_000_000.25)) == "2027-01-15T08:00:00.25Z")
        #expect(GoTime.format(Date(timeIntervalSince1970: 1_800_000_000.5)) == "2027-01-15T08:00:00.5Z")
        #expect(GoTime.format(nil) == "0001-01-01T00:00:00Z")
    }

    @Test func listenAddressParsesIPv4AndBracketedIPv6() {
        #expect(ListenAddress("0.0.0.0:10256") == .healthzDefault)
        #expect(ListenAddress("[::1]:10249")?.description == "[::1]:10249")
        #expect(ListenAddress("::1:10249") == nil)
        #expect(ListenAddress("127.0.0.1") == nil)
        #expect(ListenAddress("127.0.0.1:70000") == nil)
        #expect(ListenAddress.metricsDefault.description == "127.0.0.1:10249")
    }
}
