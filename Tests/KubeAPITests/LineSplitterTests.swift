import NIOCore
import Testing
@testable import KubeAPI

@Suite struct LineSplitterTests {
    @Test func eventsSplitAcrossChunksComeOutWhole() {
        var splitter = LineSplitter()
        #expect(splitter.append(ByteBuffer(string: "{\"a\":1}\n{\"b\"")).map { String(decoding: $0, as: UTF8.self) } == ["{\"a\":1}"])
        #expect(splitter.append(ByteBuffer(string: ":2}\n\n{\"c\":3}")).map { String(decoding: $0, as: UTF8.self) } == ["{\"b\":2}"])
        #expect(splitter.finish().map { String(decoding: $0, as: UTF8.self) } == "{\"c\":3}")
        #expect(splitter.finish() == nil)
    }
}
