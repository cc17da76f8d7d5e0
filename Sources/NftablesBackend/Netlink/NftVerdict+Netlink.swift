import CNftnl

extension NftVerdict {
    /// The kernel's verdict code (`NF_ACCEPT`, `NF_DROP`, `NFT_RETURN`, `NFT_JUMP`, `NFT_GOTO`).
    var code: Int32 {
        switch self {
        case .accept: Int32(NF_ACCEPT)
        case .drop: Int32(NF_DROP)
        case .return: NFT_RETURN.rawValue
        case .jump: NFT_JUMP.rawValue
        case .goto: NFT_GOTO.rawValue
        }
    }

    /// The verdict of a kernel code and chain, if proxyd's model has it.
    init?(code: Int32, chain: String?) {
        switch (code, chain) {
        case (Int32(NF_ACCEPT), nil): self = .accept
        case (Int32(NF_DROP), nil): self = .drop
        case (NFT_RETURN.rawValue, nil): self = .return
        case (NFT_JUMP.rawValue, let chain?): self = .jump(chain)
        case (NFT_GOTO.rawValue, let chain?): self = .goto(chain)
        default: return nil
        }
    }
}
