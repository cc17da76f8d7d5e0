/// One element slot that changes: its element before and after (nil: absent).
struct ElementChange {
    let set: String
    let before: NftElement?
    let after: NftElement?
}
