/// How nft prints a base chain's priority: by the standard name it is near (`dstnat - 10`,
/// `filter`, `srcnat`), or as a number where no standard name applies to the hook.
enum NftPriority {
    private static let standard: [(name: String, value: Int32, points: Set<NftChain.Hook.Point>?)] = [
        ("raw", -300, nil), ("mangle", -150, nil), ("dstnat", -100, [.prerouting]), ("filter", 0, nil),
        ("security", 50, nil), ("srcnat", 100, [.postrouting]),
    ]

    static func text(_ priority: Int32, at point: NftChain.Hook.Point) -> String {
        for entry in standard where entry.points?.contains(point) ?? true && abs(priority - entry.value) <= 10 {
            let offset = priority - entry.value
            return offset == 0 ? entry.name : "\(entry.name) \(offset < 0 ? "-" : "+") \(abs(offset))"
        }
        return String(priority)
    }
}
