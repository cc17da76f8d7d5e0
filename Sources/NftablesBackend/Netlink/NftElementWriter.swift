import CMnl
import CNetfilterShim
import CNftnl
import ProxyCore

/// Writes an element operation as nft's set element messages: as many elements per message as
/// its element list can hold (an attribute is at most 64 KiB, well inside a batch page), each
/// element's attribute numbered from 1 within its message, as libnftnl numbers them. The kernel
/// blames a rejected element by its attribute's offset, so the number says which one it was.
struct NftElementWriter {
    let table: NftTable
    let set: NftSet
    /// Whether the elements are added (with their values and comments) or deleted (by key).
    let adding: Bool

    /// Appends the messages for `elements` to `batch`.
    /// - Throws: ``NftEncodingError`` naming the element that does not fit the set.
    func write(_ elements: [NftElement], flags: Int32, operation: Int, into batch: NftBatch) throws {
        let key = set.keyCodec(table.family)
        let data = set.dataCodec(table.family)
        // Reused for every element's key bytes.
        var first: [UInt8] = []
        var last: [UInt8] = []
        var next = 0
        while next < elements.count {
            let start = next
            try batch.append(adding ? NFT_MSG_NEWSETELEM : NFT_MSG_DELSETELEM, family: table.nfproto, flags: flags,
                             operation: operation, firstElement: start) { header in
                mnl_attr_put_strz(header, UInt16(NFTA_SET_ELEM_LIST_TABLE.rawValue), table.name)
                mnl_attr_put_strz(header, UInt16(NFTA_SET_ELEM_LIST_SET.rawValue), set.name)
                let list = mnl_attr_nest_start(header, UInt16(NFTA_SET_ELEM_LIST_ELEMENTS.rawValue))!
                let listOffset = UnsafeRawPointer(list) - UnsafeRawPointer(header)
                while next < elements.count {
                    let length = header.pointee.nlmsg_len
                    do {
                        first.removeAll(keepingCapacity: true)
                        last.removeAll(keepingCapacity: true)
                        try key.encode(elements[next].key, first: &first, last: &last)
                        try write(elements[next], number: next - start + 1, header, first: first, last: last, data: data)
                    } catch let error as NftEncodingError {
                        throw NftEncodingError(error.reason, element: next)
                    }
                    if Int(header.pointee.nlmsg_len) - listOffset > Int(UInt16.max) && next > start {
                        header.pointee.nlmsg_len = length  // the element goes into the next message
                        break
                    }
                    next += 1
                }
                mnl_attr_nest_end(header, list)
            }
        }
    }

    /// One element: its key (`first`, and `last` in interval sets), then when adding its value
    /// and comment.
    private func write(_ element: NftElement, number: Int, _ header: UnsafeMutablePointer<nlmsghdr>,
                       first: [UInt8], last: [UInt8], data: NftElementCodec?) throws {
        let item = mnl_attr_nest_start(header, UInt16(number))
        put(first, as: NFTA_SET_ELEM_KEY, header)
        if set.flags.contains(.interval) { put(last, as: NFTA_SET_ELEM_KEY_END, header) }
        if adding {
            switch (element.value, data) {
            case (nil, nil) where !set.isMap:
                break
            case (.verdict(let verdict)?, nil) where set.isVerdictMap:
                let value = mnl_attr_nest_start(header, UInt16(NFTA_SET_ELEM_DATA.rawValue))
                let nested = mnl_attr_nest_start(header, UInt16(NFTA_DATA_VERDICT.rawValue))
                mnl_attr_put_u32(header, UInt16(NFTA_VERDICT_CODE.rawValue), UInt32(bitPattern: verdict.code).bigEndian)
                if let chain = verdict.targetChain { mnl_attr_put_strz(header, UInt16(NFTA_VERDICT_CHAIN.rawValue), chain) }
                mnl_attr_nest_end(header, nested)
                mnl_attr_nest_end(header, value)
            case (.data(let values)?, let data?):
                put(try data.encode(values), as: NFTA_SET_ELEM_DATA, header)
            default:
                let expected = set.isVerdictMap ? "a verdict" : set.isMap ? "a data value" : "no value"
                throw NftEncodingError("an element of \(set.name) has \(expected)")
            }
            if let comment = element.comment {
                guard NftUserData.fits(comment) else { throw NftEncodingError("comment too long") }
                var userData = NftUserData()
                userData.append(UInt8(NFTNL_UDATA_SET_ELEM_COMMENT.rawValue), string: comment)
                mnl_attr_put(header, UInt16(NFTA_SET_ELEM_USERDATA.rawValue), userData.bytes.count, userData.bytes)
            }
        }
        mnl_attr_nest_end(header, item)
    }

    /// A key or data value: `ATTRIBUTE { NFTA_DATA_VALUE bytes }`.
    private func put(_ bytes: [UInt8], as attribute: nft_set_elem_attributes, _ header: UnsafeMutablePointer<nlmsghdr>) {
        let nest = mnl_attr_nest_start(header, UInt16(attribute.rawValue))
        mnl_attr_put(header, UInt16(NFTA_DATA_VALUE.rawValue), bytes.count, bytes)
        mnl_attr_nest_end(header, nest)
    }
}
