#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// The bytes of a file, for both CSV routes (``CSVTable`` and ``CSVColumnReader``).
///
/// Read with `open`, `fstat` and `read` into one array sized from the file's length, rather than
/// with Foundation's `Data(contentsOf:)`: on Linux that keeps the buffer it allocates for an empty
/// file (a leak on every read of one), and a `Data` copied into `[UInt8]` costs a second pass over
/// the file. An empty file reads as no bytes, which the CSV routes report as
/// ``CSVError/emptyFile(file:)``.
enum FileBytes {
    /// The whole file at `path`; ``CSVError/unreadableFile(file:reason:)`` names the path and says
    /// why when it cannot be opened or read ("no such file", "Permission denied", "Is a directory").
    static func contents(ofFile path: String) throws(CSVError) -> [UInt8] {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, code: errno) }
        // One byte more than the length, so that a regular file ends in one read plus the read that
        // sees its end; a file that grows meanwhile, or a pipe (length 0), is read on in chunks.
        var bytes: [UInt8] = []
        var chunk = max(Int(status.st_size), 0) + 1
        while true {
            var code: Int32 = 0
            let part = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, initialized in
                initialized = 0
                while initialized < buffer.count {
                    let count = read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if count > 0 {
                        initialized += count
                    } else if count == 0 {
                        return
                    } else if errno != EINTR {
                        code = errno
                        return
                    }
                }
            }
            guard code == 0 else { throw failure(path, code: code) }
            if bytes.isEmpty { bytes = part } else { bytes += part }
            if part.count < chunk { return bytes }
            chunk = max(chunk, 1 << 16)
        }
        #else
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadableFile(file: path, reason: error.localizedDescription)
        }
        #endif
    }

    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    /// The error for the C library's error `code`.
    static func failure(_ path: String, code: Int32) -> CSVError {
        .unreadableFile(file: path, reason: code == ENOENT ? "no such file" : String(cString: strerror(code)))
    }
    #endif
}
