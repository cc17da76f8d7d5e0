import Testing
@testable import NftablesBackend

@Suite struct NftablesNamesTests {
    @Test func receiveBufferSizeComesFromLibmnl() {
        // MNL_SOCKET_BUFFER_SIZE is min(page size, 8192).
        #expect(NftablesNames.receiveBufferSize > 0)
        #expect(NftablesNames.receiveBufferSize <= 8192)
    }
}
