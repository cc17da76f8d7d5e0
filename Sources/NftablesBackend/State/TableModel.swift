import ProxyCore

/// The desired content of one `proxyd` table, kept up to date port by port (docs/nftables-layout.md
/// §9–10).
///
/// Elements are refcounted by slot (set and key), so elements several ports need (hairpin,
/// health-check NodePorts) stay while any port holds them, and a frontend key two ports share
/// is materialised once, for its owner. Every slot whose element changes is remembered with its
/// element from before, so a sync sends exactly the element changes (``takeElementChanges()``).
struct TableModel {
    private struct Entry {
        var element: NftElement
        var count: Int
    }

    let family: IPFamily
    let skeleton: TableSkeleton
    private var ports: [ServicePortName: PortRules] = [:]
    /// The affinity chains of the ports that have any.
    private var affinity: [ServicePortName: [AffinityChain]] = [:]
    private var claims: [FrontendKey: [FrontendClaim]] = [:]
    private var owned: [FrontendKey: PortRules.FrontendRules] = [:]
    private var elements: [SetReference: [[NftValue]: Entry]] = [:]
    /// Slots changed since the last ``takeElementChanges()``, with their element before (nil: absent).
    private var changedSlots: [ElementSlot: NftElement?] = [:]
    /// Whether changes are recorded: not while a model is built from nothing, which a reconcile
    /// compares as a whole.
    var recordsChanges = true

    init(family: IPFamily, skeleton: TableSkeleton) {
        self.family = family
        self.skeleton = skeleton
        for address in skeleton.nodePortAddresses { add(Membership(.nodePortIPs, [.address(address)])) }
        changedSlots = [:]
    }

    /// Replaces the contribution of one service port (nil: the port is gone).
    mutating func update(_ name: ServicePortName, to port: ServicePortNode?) {
        var touchedKeys: Set<FrontendKey> = []
        affinity[name] = nil
        if let old = ports.removeValue(forKey: name) {
            for frontend in old.frontends {
                claims[frontend.key]?.removeAll { $0 == frontend.claim }
                touchedKeys.insert(frontend.key)
            }
            old.shared.forEach { remove($0) }
        }
        if let port {
            let new = PortRules(port, family: family)
            ports[name] = new
            affinity[name] = new.affinityChains.isEmpty ? nil : new.affinityChains
            for frontend in new.frontends {
                claims[frontend.key, default: []].append(frontend.claim)
                touchedKeys.insert(frontend.key)
            }
            new.shared.forEach { add($0) }
        }
        for key in touchedKeys { settleOwner(of: key) }
    }

    /// Materialises the rules of a key's owner, if the owner changed.
    private mutating func settleOwner(of key: FrontendKey) {
        let owner = claims[key]?.min()
        if claims[key]?.isEmpty ?? false { claims.removeValue(forKey: key) }
        let rules = owner.flatMap { owner in ports[owner.port]?.frontends.first { $0.claim == owner } }
        guard owned[key] != rules else { return }
        owned[key]?.memberships.forEach { remove($0) }
        owned[key] = rules
        rules?.memberships.forEach { add($0) }
    }

    private mutating func add(_ membership: Membership) {
        let key = membership.element.key
        if var entry = elements[membership.set]?[key] {
            entry.count += 1
            elements[membership.set]![key] = entry
            return
        }
        noteChange(of: membership.slot, before: nil)
        elements[membership.set, default: [:]][key] = Entry(element: membership.element, count: 1)
    }

    private mutating func remove(_ membership: Membership) {
        let key = membership.element.key
        guard var entry = elements[membership.set]?[key] else { return }
        entry.count -= 1
        if entry.count > 0 {
            elements[membership.set]![key] = entry
            return
        }
        noteChange(of: membership.slot, before: entry.element)
        elements[membership.set]![key] = nil
        if elements[membership.set]!.isEmpty { elements[membership.set] = nil }
    }

    private mutating func noteChange(of slot: ElementSlot, before: NftElement?) {
        if recordsChanges, changedSlots.index(forKey: slot) == nil { changedSlots[slot] = .some(before) }
    }

    /// The element changes since the last call (slots that changed back are left out).
    mutating func takeElementChanges() -> [ElementChange] {
        defer { changedSlots = [:] }
        return changedSlots.compactMap { slot, before in
            let after = element(at: slot)
            return before == after ? nil : ElementChange(set: slot.set.name, before: before, after: after)
        }
    }

    func element(at slot: ElementSlot) -> NftElement? { elements[slot.set]?[slot.key]?.element }

    /// The size maps that have elements.
    var sizeMaps: [SizeMap] {
        elements.keys.compactMap { if case .size(let map) = $0 { map } else { nil } }.sorted()
    }

    /// The elements of a set, in a stable order (`sorted`), or as they come (cheaper, for a batch).
    func elements(of set: SetReference, sorted: Bool = true) -> [NftElement] {
        let elements = (elements[set] ?? [:]).values.map(\.element)
        return sorted ? elements.sorted { $0.key.lexicographicallyPrecedes($1.key) } : elements
    }

    /// The affinity chains of every port, in port order.
    var affinityChains: [AffinityChain] {
        affinity.keys.sorted().flatMap { affinity[$0]! }
    }

    /// The number of service ports.
    var portCount: Int { ports.count }
}
