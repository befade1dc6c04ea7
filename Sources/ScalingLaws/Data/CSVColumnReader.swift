import Foundation

/// The fast route of ``Observations/init(contentsOfCSV:columns:target:weights:where:)``: reads only
/// the mapped columns, straight from the file's bytes into arrays of doubles, without a `String` per
/// cell or a table of rows (a `CSVTable` of a large file takes five to eight times the file in memory).
///
/// It accepts a file and a mapping only when ``CSVTable`` and ``ColumnSource`` would, and then
/// returns the same values: the same field rules (``CSVFieldScanner``), the same UTF-8 and NUL
/// checks, the same number grammar, correctly rounded like `Double(_:)` (``DecimalParser``, which
/// hands the cells it does not decide to `Double(_:)` itself). Whenever anything is wrong or unusual
/// — a bad cell, a ragged row, a duplicate or missing column — it returns nil, and
/// ``firstError(path:columns:target:weights:)`` finds the error with the row-by-row route's own
/// checks, in its order: errors have one source of truth.
enum CSVColumnReader {
    /// An output column's recipe, resolved against the header: cells are found by slot, the index
    /// among the columns the mapping reads.
    enum Source {
        case number(slot: Int)
        case category(slot: Int, labels: [String])
        case expression(ColumnExpression, names: [String], slots: [Int])
        case constant(Double)
    }

    /// The data set of the file at `path` mapped as `columns`, `target` and `weights` map it, or nil
    /// when the row-by-row route must decide (see the type's documentation).
    static func observations(
        path: String, columns: [(Variable, ColumnSource)], target: ColumnSource, weights: ColumnSource?
    ) -> Observations? {
        // Unreadable files are reported by the row-by-row route, which reads the file again.
        guard var file = try? FileBytes.contents(ofFile: path) else { return nil }
        var sources = columns.map(\.1) + [target]
        if let weights { sources.append(weights) }
        let outputs: [[Double]]? = file.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            return read(base, count: raw.count, sources: sources, variables: columns.map(\.0))
        }
        guard let outputs else { return nil }
        var values: [Variable: [Double]] = [:]
        for (index, (variable, _)) in columns.enumerated() { values[variable] = outputs[index] }
        // Cells were checked as they were read; a failure here (all weights zero …) is reported by
        // the row-by-row route with its file-level message.
        return try? Observations(values, targets: outputs[columns.count],
                                 weights: weights == nil ? nil : outputs[columns.count + 1])
    }

    /// One array per source, or nil (see ``observations(path:columns:target:weights:)``).
    static func read(
        _ bytes: UnsafeMutablePointer<UInt8>, count: Int, sources: [ColumnSource], variables: [Variable],
        splitAbove: Int = 1 << 22
    ) -> [[Double]]? {
        if count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return nil }
        let start = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        guard start < count, let lineEnds = checkedText(bytes + start, count: count - start) else { return nil }
        var scanner = CSVFieldScanner(bytes, count: count, from: start)
        guard let names = header(&scanner),
              let (resolved, positions, slots) = resolveAll(sources, variables: variables, names: names) else { return nil }
        var numeric = [Bool](repeating: true, count: slots)
        for case .category(let slot, _) in resolved { numeric[slot] = false }
        let parts = recordRanges(bytes, from: scanner.position, to: count, splitAbove: splitAbove)
        var pieces = [[[Double]]?](repeating: nil, count: parts.count)
        pieces.withUnsafeMutableBufferPointer { pieces in
            let results = pieces.baseAddress!
            ParallelWork.forEach(count: parts.count, concurrency: ParallelWork.processorCount) { part in
                var partScanner = CSVFieldScanner(bytes, count: parts[part].upperBound, from: parts[part].lowerBound)
                var partOutputs = [[Double]](repeating: [], count: resolved.count)
                let read = readRows(&partScanner, positions: positions, numeric: numeric, sources: resolved,
                                    rowBound: lineEnds + 1, into: &partOutputs)
                results[part] = read ? partOutputs : nil
            }
        }
        var outputs = [[Double]](repeating: [], count: resolved.count)
        for piece in pieces {
            guard let piece else { return nil }
            for index in outputs.indices {
                if outputs[index].isEmpty { outputs[index] = piece[index] } else { outputs[index].append(contentsOf: piece[index]) }
            }
        }
        guard !outputs[0].isEmpty else { return nil }
        return outputs
    }

    /// The data records from `start` to `count` cut into one range per core, each ending after a
    /// line feed, when every line feed ends a record: the text has no quote (which could hold a line
    /// break) and is over `splitAbove` bytes (4 MB). Otherwise one range.
    static func recordRanges(
        _ bytes: UnsafeMutablePointer<UInt8>, from start: Int, to count: Int, splitAbove: Int = 1 << 22
    ) -> [Range<Int>] {
        let parts = ParallelWork.processorCount
        guard parts > 1, count - start >= splitAbove,
              memchr(bytes + start, Int32(UInt8(ascii: "\"")), count - start) == nil else { return [start..<count] }
        var ranges: [Range<Int>] = []
        var lower = start
        for part in 1..<parts {
            let target = Swift.max(lower, start + (count - start) / parts * part)
            guard let found = memchr(bytes + target, Int32(UInt8(ascii: "\n")), count - target) else { break }
            let upper = bytes.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            ranges.append(lower..<upper)
            lower = upper
        }
        ranges.append(lower..<count)
        return ranges
    }

    /// Every source's recipe, each column's slot (-1 when no source reads it) and the slot count;
    /// nil when a source cannot be resolved (see ``resolve(_:for:names:slots:)``).
    static func resolveAll(
        _ sources: [ColumnSource], variables: [Variable], names: [String]
    ) -> (recipes: [Source], positions: [Int], slots: Int)? {
        var slotNames: [String] = []
        var recipes: [Source] = []
        for (index, source) in sources.enumerated() {
            guard let recipe = resolve(source, for: index < variables.count ? variables[index] : nil,
                                       names: names, slots: &slotNames) else { return nil }
            recipes.append(recipe)
        }
        var positions = [Int](repeating: -1, count: names.count)
        for (slot, name) in slotNames.enumerated() { positions[names.firstIndex(of: name)!] = slot }
        return (recipes, positions, slotNames.count)
    }

    /// Whether the bytes are UTF-8 text without NUL (the checks of `CSVTable`), and if so how many
    /// line feeds they hold (or carriage returns, when there are no line feeds): a bound on the rows,
    /// give or take one, to reserve room for.
    static func checkedText(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var union: UInt64 = 0
        var zeros: UInt64 = 0
        var lineFeeds = 0
        var index = 0
        let raw = UnsafeRawPointer(bytes)
        // Eight bytes at a time. A byte is zero when neither its low seven bits nor its top bit are
        // set (no carry crosses bytes in this form, so the test is exact for every byte).
        func zeroBytes(_ word: UInt64) -> UInt64 { ~(((word & ~highs) &+ ~highs) | word) & highs }
        // Line feeds are tallied per byte lane (one per lane per word, summed every 255 words so
        // that no lane overflows), which needs no population count.
        var lanes: UInt64 = 0
        var words = 0
        func drain() {
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            lineFeeds += Int((pairs &* 0x0001_0001_0001_0001) >> 48)
            lanes = 0
            words = 0
        }
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            union |= word
            zeros |= zeroBytes(word)
            lanes &+= zeroBytes(word ^ (ones &* 0x0A)) >> 7
            index += 8
            words += 1
            if words == 255 { drain() }
        }
        drain()
        var carriageReturns = 0
        for index in index..<count {
            union |= UInt64(bytes[index])
            zeros |= bytes[index] == 0 ? 1 : 0
            lineFeeds += bytes[index] == UInt8(ascii: "\n") ? 1 : 0
        }
        guard zeros == 0 else { return nil }
        if union & highs != 0 {
            // Not ASCII: the standard library's validation (the text is copied once, then freed).
            guard String(validating: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) != nil else { return nil }
        }
        if lineFeeds == 0 {
            for index in 0..<count where bytes[index] == UInt8(ascii: "\r") { carriageReturns += 1 }
        }
        return max(lineFeeds, carriageReturns)
    }

    /// The header's column names (the first record that is not blank), or nil when there is none or
    /// a name repeats.
    static func header(_ scanner: inout CSVFieldScanner) -> [String]? {
        while scanner.position < scanner.count {
            var names: [String] = []
            var field: CSVFieldScanner.Field
            repeat {
                guard let next = scanner.next() else { return nil }
                field = next
                names.append(String(decoding: UnsafeBufferPointer(start: scanner.bytes + field.start, count: field.count),
                                    as: UTF8.self))
            } while field.end == .comma
            if names.count == 1, names[0].isEmpty, !field.quoted { continue }
            if names[0].hasPrefix("\u{FEFF}") { names[0] = String(names[0].dropFirst()) }
            guard Set(names).count == names.count else { return nil }
            return names
        }
        return nil
    }

    /// The recipe of `source`, registering the columns it reads in `slots`; nil when a column is
    /// missing, the source is a closure of the row, or a category mapping does not apply.
    static func resolve(_ source: ColumnSource, for variable: Variable?, names: [String], slots: inout [String]) -> Source? {
        func slot(_ name: String) -> Int? {
            guard names.contains(name) else { return nil }
            if let slot = slots.firstIndex(of: name) { return slot }
            slots.append(name)
            return slots.count - 1
        }
        switch source.kind {
        case .column(let name):
            return slot(name).map { .number(slot: $0) }
        case .category(let name):
            guard let variable, !variable.categories.isEmpty, let index = slot(name) else { return nil }
            return .category(slot: index, labels: variable.categories)
        case .expression(let expression):
            let columns = expression.columns
            let indices = columns.compactMap(slot)
            guard indices.count == columns.count else { return nil }
            return .expression(expression, names: columns, slots: indices)
        case .derived:
            return nil
        case .constant(let value):
            return .constant(value)
        }
    }
}

extension CSVColumnReader {
    /// Reads every data record into `outputs`, one value per source; false at the first record or
    /// cell the row-by-row route would refuse. `positions` gives each column's slot (-1 when unread),
    /// `numeric` whether a slot is only ever read as a number, `rowBound` a bound on the rows.
    static func readRows(
        _ scanner: inout CSVFieldScanner, positions: [Int], numeric: [Bool], sources: [Source],
        rowBound: Int, into outputs: inout [[Double]]
    ) -> Bool {
        let columnCount = positions.count
        let sample = 1024, firstRow = scanner.position
        for index in outputs.indices { outputs[index].reserveCapacity(min(rowBound, sample)) }
        let plainSlots = sources.map { source in
            if case .number(let slot) = source { slot } else { -1 }
        }
        var cells = RowCells(bytes: scanner.bytes, slots: numeric.count)
        while scanner.position < scanner.count {
            var fields = 0
            var field: CSVFieldScanner.Field
            repeat {
                let slot = fields < columnCount ? positions[fields] : -1
                let start = scanner.position
                if slot >= 0, numeric[slot],
                   let (value, length) = DecimalParser.parsePrefix(scanner.bytes + start, count: scanner.count - start),
                   scanner.isTerminator(start + length) {
                    // The common cell, a bare number and its delimiter: decoded and delimited in one pass.
                    field = CSVFieldScanner.Field(start: start, count: length, quoted: false,
                                                  end: scanner.terminate(at: start + length))
                    cells.values[slot] = value
                    cells.decoded[slot] = true
                } else {
                    guard let next = scanner.next() else { return false }
                    field = next
                    if slot >= 0 {
                        cells.starts[slot] = field.start
                        cells.counts[slot] = field.count
                        cells.decoded[slot] = false
                    }
                }
                fields += 1
            } while field.end == .comma
            if fields == 1, field.count == 0, !field.quoted { continue }
            guard fields == columnCount else { return false }
            for index in sources.indices {
                // Plain columns without going through the enum, whose payloads would be retained.
                let value = plainSlots[index] >= 0 ? cells.number(plainSlots[index]) : cells.value(sources[index])
                guard let value else { return false }
                outputs[index].append(value)
            }
            if outputs[0].count == sample {
                let rows = estimatedRows(sample, consumed: scanner.position - firstRow,
                                         remaining: scanner.count - scanner.position, bound: rowBound)
                for index in outputs.indices { outputs[index].reserveCapacity(rows) }
            }
        }
        return true
    }

    /// The rows to make room for once `sample` rows took `consumed` bytes and `remaining` are left:
    /// the line count (`bound`) bounds them but can be far above (blank lines, line breaks in
    /// quotes), so it only caps an estimate from the first rows' length, with 5% to spare.
    static func estimatedRows(_ sample: Int, consumed: Int, remaining: Int, bound: Int) -> Int {
        let bytesPerRow = max(1, consumed / sample)
        return min(bound, sample + remaining / bytesPerRow * 21 / 20 + 64)
    }

    /// The cells of the current record that the mapping reads, by slot: decoded numbers, or ranges
    /// of the buffer to decode when asked.
    struct RowCells {
        let bytes: UnsafeMutablePointer<UInt8>
        var starts: [Int]
        var counts: [Int]
        var values: [Double]
        var decoded: [Bool]

        init(bytes: UnsafeMutablePointer<UInt8>, slots: Int) {
            self.bytes = bytes
            starts = [Int](repeating: 0, count: slots)
            counts = [Int](repeating: 0, count: slots)
            values = [Double](repeating: 0, count: slots)
            decoded = [Bool](repeating: false, count: slots)
        }

        /// The finite number in the cell at `slot` (spaces and tabs around it allowed), or nil.
        @inline(__always)
        func number(_ slot: Int) -> Double? {
            if decoded[slot] { return values[slot] }
            var start = starts[slot], end = start + counts[slot]
            while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
            while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            guard start < end else { return nil }
            let value = DecimalParser.parse(bytes + start, count: end - start)
                ?? CSVRow.decimalValue(String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self))
            guard let value, value.isFinite else { return nil }
            return value
        }

        /// The value of `source` for the current record, or nil where the row-by-row route would throw.
        func value(_ source: Source) -> Double? {
            switch source {
            case .number(let slot):
                return number(slot)
            case .category(let slot, let labels):
                let text = String(decoding: UnsafeBufferPointer(start: bytes + starts[slot], count: counts[slot]), as: UTF8.self)
                return labels.firstIndex(of: text.trimmingSpaces()).map(Double.init)
            case .expression(let expression, let names, let slots):
                do throws(CSVError) {
                    let value = try expression.evaluate { name throws(CSVError) in
                        guard let position = names.firstIndex(of: name), let value = number(slots[position]) else {
                            throw .invalidMapping(name)
                        }
                        return value
                    }
                    return value.isFinite ? value : nil
                } catch {
                    return nil
                }
            case .constant(let value):
                return value
            }
        }
    }
}
