import ChildProcess
import Foundation
import Testing

@Suite("Child processes")
struct ChildProcessTests {
    /// A child gets standard input, output and error and nothing else: a socket this process holds must not live
    /// on in a PostgreSQL the supervisor restarts (its client would never see the connection close).
    @Test func inheritNoOtherDescriptor() throws {
        let held = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(held > 2)
        defer { close(held) }
        let pipeEnds = UnsafeMutablePointer<Int32>.allocate(capacity: 2)
        defer { pipeEnds.deallocate() }
        #expect(pipe(pipeEnds) == 0)
        defer {
            close(pipeEnds[0])
            close(pipeEnds[1])
        }
        // `ls` itself opens one descriptor (3) to read the directory.
        let (status, output) = try ChildProcess.run(["/bin/sh", "-c", "ls /proc/self/fd"])
        #expect(status == 0)
        let descriptors = Set(output.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) })
        #expect(
            descriptors.isSubset(of: [0, 1, 2, 3]),
            "the child saw \(descriptors.sorted()); this process holds \(held), \(pipeEnds[0]), \(pipeEnds[1])")
        #expect(!descriptors.contains(held))
    }
}
