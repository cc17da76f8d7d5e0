import Testing
@testable import IPVSBackend

@Suite struct IPSetCatalogTests {
    @Test func namesAreUniqueAndFitTheKernelLimit() {
        let names = IPSetCatalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        // IPSET_MAXNAMELEN is 32 including the terminating NUL.
        #expect(names.allSatisfy { $0.utf8.count < 32 && $0.hasPrefix("KUBE-") })
    }
}
