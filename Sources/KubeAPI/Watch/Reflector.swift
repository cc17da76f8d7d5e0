import Logging
import ProxyCore

/// Keeps one collection in step with the API server, as client-go's reflector does: list, then
/// watch from the list's resourceVersion; when a stream ends or breaks, watch again from the last
/// version seen (bookmarks included); on `410 Gone`, list again; on errors, back off and retry.
/// It also lists again every ``relistPeriod``, which catches anything a watch could have missed.
public struct Reflector: Sendable {
    public let client: KubeClient
    public let resource: APIResource
    public let selectors: ListSelectors
    /// How often to list again although the watch is healthy (kube-proxy's `configSyncPeriod`).
    public let relistPeriod: Duration
    /// A watch asks the server to end it after a random time in this range of seconds.
    public let watchTimeoutSeconds: ClosedRange<Int>
    public let pageSize: Int
    public let logger: Logger

    public init(
        client: KubeClient, resource: APIResource, selectors: ListSelectors, relistPeriod: Duration = .seconds(900),
        watchTimeoutSeconds: ClosedRange<Int> = 300...600, pageSize: Int = 500, logger: Logger
    ) {
        self.client = client
        self.resource = resource
        self.selectors = selectors
        self.relistPeriod = relistPeriod
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.pageSize = pageSize
        self.logger = logger
    }

    /// Runs until the task is cancelled, handing every update to `deliver` in order.
    public func run(deliver: @Sendable (ResourceUpdate) async -> Void) async {
        var resourceVersion: String?
        var lastList = ContinuousClock.now
        var backoff = Backoff()
        while !Task.isCancelled {
            var watchStart: ContinuousClock.Instant?
            do {
                if resourceVersion == nil || ContinuousClock.now - lastList >= relistPeriod {
                    let (update, version) = try await listAll()
                    await deliver(update)
                    resourceVersion = version
                    lastList = .now
                }
                watchStart = .now
                var latest = resourceVersion ?? ""
                do {
                    try await watch(from: &latest, deliver: deliver)
                    resourceVersion = latest
                } catch {
                    // What a broken watch delivered (events, bookmarks) counts: resume after it, not from before.
                    resourceVersion = latest
                    throw error
                }
                if let watchStart, ContinuousClock.now - watchStart > .seconds(1) { backoff.reset() }
            } catch let error as APIError where error.isExpired {
                logger.info("watch expired, listing again", metadata: ["resource": "\(resource)", "error": "\(error)"])
                resourceVersion = nil
            } catch {
                if Task.isCancelled { return }
                // A watch that streamed for a while was a success, even if its connection then broke: start over,
                // or a proxy whose connections break now and then would wait ever longer to reconnect.
                if let watchStart, ContinuousClock.now - watchStart > .seconds(1) { backoff.reset() }
                let wait = backoff.next()
                logger.warning("API request failed, retrying", metadata: [
                    "resource": "\(resource)", "error": "\(error)", "retryIn": "\(wait)"])
                try? await Task.sleep(for: wait)
            }
        }
    }

    /// Lists every page; returns the complete list and its resourceVersion.
    private func listAll() async throws -> (ResourceUpdate, String) {
        var objects: [KubeObject] = []
        var unreadable: Set<KubeObject.Key> = []
        var errors: [InputError] = []
        var continueToken: String?
        var version = ""
        repeat {
            let page = try await client.list(resource, selectors: selectors, limit: pageSize, continueToken: continueToken)
            for object in page.objects {
                switch object.result {
                case .success(let decoded): objects.append(decoded)
                case .failure(let error):
                    errors.append(error)
                    if let key = object.key { unreadable.insert(key) }
                }
            }
            continueToken = page.continueToken
            version = page.resourceVersion
        } while continueToken != nil
        logger.debug("listed", metadata: ["resource": "\(resource)", "objects": "\(objects.count)", "resourceVersion": "\(version)"])
        return (.replaced(kind: resource.kind, objects: objects, unreadable: unreadable, errors: errors), version)
    }

    /// Watches from `latest` until the server ends the stream, moving `latest` on to the resourceVersion of
    /// each event and bookmark as it arrives (so that it holds the last one seen also when the watch throws).
    private func watch(from latest: inout String, deliver: @Sendable (ResourceUpdate) async -> Void) async throws {
        let request = "watch \(resource)"
        let start = latest
        try await client.watch(resource, selectors: selectors, from: start,
                               timeoutSeconds: Int.random(in: watchTimeoutSeconds)) { event in
            switch event {
            case .failure(let error):
                await deliver(.skipped(error))
            case .success(.added(let object)), .success(.modified(let object)):
                latest = object.resourceVersion ?? latest
                switch object.result {
                case .success(let decoded): await deliver(.upserted(decoded))
                case .failure(let error): await deliver(.skipped(error))
                }
            case .success(.deleted(let object)):
                latest = object.resourceVersion ?? latest
                if let key = object.key { await deliver(.deleted(key)) }
            case .success(.bookmark(let bookmarked)):
                latest = bookmarked ?? latest
            case .success(.error(let status)):
                throw APIError(code: status.code ?? 500, status: status, request: request)
            }
        }
    }
}
