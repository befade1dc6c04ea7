/// Walks the fields of CSV text held in a mutable byte buffer, one at a time, with the same rules as
/// ``CSVTable``'s parser: a field is quoted only when its first byte is `"`; inside quotes `""` is a
/// quote and line breaks are text; after the closing quote, or in an unquoted field, every byte up
/// to the next comma or line end is text (quotes included); LF, CR and CRLF end a record.
///
/// A quoted field's text is written back over its own bytes with the quotes removed (it is never
/// longer than what it was read from), so every field is a range of the buffer and nothing is
/// allocated. The buffer is therefore consumed: it cannot be scanned twice.
struct CSVFieldScanner {
    /// What follows a field.
    enum End { case comma, record, file }

    /// A field: its text is `bytes[start ..< start + count]`; `lineFeeds` counts the line feeds
    /// inside its quotes (text, not record ends, but lines of the file all the same).
    struct Field {
        var start: Int
        var count: Int
        var quoted: Bool
        var end: End
        var lineFeeds = 0
    }

    let bytes: UnsafeMutablePointer<UInt8>
    let count: Int
    /// Where the next field starts.
    var position: Int

    init(_ bytes: UnsafeMutablePointer<UInt8>, count: Int, from start: Int) {
        self.bytes = bytes
        self.count = count
        position = start
    }

    /// The field at ``position``, which then moves past the field's terminator; nil when a quote
    /// is still open at the end of the text.
    @inline(__always)
    mutating func next() -> Field? {
        let start = position
        if start < count, bytes[start] == UInt8(ascii: "\"") { return quoted(from: start) }
        var index = start
        while index < count {
            let byte = bytes[index]
            // The terminators (, \n \r) are the bytes ≤ ',' that matter; digits, '.', '-', 'e' are above.
            if byte > UInt8(ascii: ",") { index += 1; continue }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            index += 1
        }
        return Field(start: start, count: index - start, quoted: false, end: terminate(at: index))
    }

    /// Whether the byte at `index` ends a field (the end of the text does too).
    @inline(__always)
    func isTerminator(_ index: Int) -> Bool {
        guard index < count else { return true }
        let byte = bytes[index]
        return byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Moves ``position`` past the terminator at `index` (a comma, a line end or the end of the
    /// text) and says what it was.
    @inline(__always)
    mutating func terminate(at index: Int) -> End {
        guard index < count else {
            position = count
            return .file
        }
        let byte = bytes[index]
        position = index + 1
        if byte == UInt8(ascii: ",") { return .comma }
        if byte == UInt8(ascii: "\r"), position < count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
        return .record
    }

    private mutating func quoted(from start: Int) -> Field? {
        var write = start
        var index = start + 1
        var lineFeeds = 0
        while true {
            guard index < count else { return nil }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
                    bytes[write] = byte
                    write += 1
                    index += 2
                    continue
                }
                index += 1
                break
            }
            if byte == UInt8(ascii: "\n") { lineFeeds += 1 }
            bytes[write] = byte
            write += 1
            index += 1
        }
        // Text after the closing quote belongs to the field, quotes included.
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            bytes[write] = byte
            write += 1
            index += 1
        }
        return Field(start: start, count: write - start, quoted: true, end: terminate(at: index), lineFeeds: lineFeeds)
    }
}
