/// Which set of the table an element belongs in: a fixed one, or a size map that exists while
/// it has elements.
enum SetReference: Hashable {
    case fixed(FixedSet)
    case size(SizeMap)

    var name: String {
        switch self {
        case .fixed(let set): set.name
        case .size(let map): map.name
        }
    }
}

/// One element in one set: the unit the table is built from and diffed by.
struct Membership: Hashable {
    let set: SetReference
    let element: NftElement

    init(_ set: SetReference, _ element: NftElement) {
        self.set = set
        self.element = element
    }

    init(_ set: FixedSet, _ key: [NftValue], comment: String? = nil) {
        self.init(.fixed(set), NftElement(key, comment: comment))
    }

    /// Identifies the element slot: the set and the key.
    var slot: ElementSlot { ElementSlot(set: set, key: element.key) }
}

/// A set and a key: where at most one element can be.
struct ElementSlot: Hashable {
    let set: SetReference
    let key: [NftValue]
}
