import Foundation

/// A progress line on standard error for work over a couple of seconds: redrawn in place on a
/// terminal, a line every few seconds otherwise, nothing when quiet.
public final class Progress: @unchecked Sendable {
    private let label: String
    private let quiet: Bool
    private let interactive = isatty(2) != 0
    private var lastReport = Date.distantPast
    private let lock = NSLock()

    /// A reporter for `label`; silent when `quiet`.
    public init(_ label: String, quiet: Bool) {
        self.label = label
        self.quiet = quiet
    }

    /// Reports `done` of `total` (thread-safe; throttled).
    public func update(_ done: Int, of total: Int) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastReport) >= (interactive ? 0.2 : 5) || done == total else { return }
        lastReport = now
        let line = "\(label): \(done)/\(total)"
        FileHandle.standardError.write(Data((interactive ? "\r\(line)" + (done == total ? "\n" : "") : line + "\n").utf8))
    }

    /// Reports a stage starting or finishing.
    public func note(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("\(label): \(message)\n".utf8))
    }
}
