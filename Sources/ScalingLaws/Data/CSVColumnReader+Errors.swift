import Foundation

extension CSVColumnReader {
    /// The error that reading the file at `path` as a ``CSVTable`` and mapping it with
    /// `Observations(_:columns:target:weights:)` throws, found in one pass that holds the file and
    /// one row at a time (a `CSVTable` of a large file takes five to eight times the file), or nil when
    /// there is none (or the file cannot be read here; the row-by-row route then reports it).
    ///
    /// It applies the row-by-row route's own checks in its order: the encoding, then an unclosed
    /// quote (which only the end of the file reveals), no header, a repeated header name, the first
    /// ragged row, a missing column, no data rows, and then the first bad cell of the first mapped
    /// source that has one (each source is read over all rows before the next), every cell read by
    /// the same ``ColumnSource`` code on a ``CSVRow``.
    static func firstError(
        path: String, columns: [(Variable, ColumnSource)], target: ColumnSource, weights: ColumnSource?
    ) -> CSVError? {
        guard var file = try? FileBytes.contents(ofFile: path) else { return nil }
        var sources = columns.map(\.1) + [target]
        if let weights { sources.append(weights) }
        let mapping = Mapping(sources: sources, variables: columns.map(\.0), weighted: weights != nil)
        return file.withUnsafeMutableBytes { raw -> CSVError? in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(CSVError) {
                try diagnose(bytes, file: path, mapping: mapping)
                return nil
            } catch {
                return error
            }
        }
    }

    /// The sources in the row-by-row route's order (variables by id, target, weights).
    struct Mapping {
        var sources: [ColumnSource]
        var variables: [Variable]
        var weighted: Bool
    }

    /// What one pass has found so far, each the first of its kind.
    struct Findings {
        var sawHeader = false
        /// The header, when its names are distinct.
        var header: CSVHeader?
        var headerError: CSVError?
        var ragged: CSVError?
        var missing: CSVError?
        var rows = 0
        /// The first error of each source.
        var cellErrors: [CSVError?]
        /// The byte-level recipes of the sources and each column's slot, when they resolve: a row
        /// they read without fault is a row the row-by-row route reads without fault too.
        var recipes: [Source]?
        var positions: [Int] = []
        var cells: RowCells?

        /// The sources still worth reading: those before the first that has failed (whose error
        /// the row-by-row route throws before any of the later sources' errors).
        var unsettled: Int { cellErrors.firstIndex { $0 != nil } ?? cellErrors.count }
    }

    /// Throws what the row-by-row route would throw for `bytes`; returns when it would throw nothing.
    static func diagnose(_ bytes: UnsafeMutableBufferPointer<UInt8>, file: String, mapping: Mapping) throws(CSVError) {
        let start = try CSVTable.checkedUTF8(UnsafeBufferPointer(bytes), file: file)
        var scanner = CSVFieldScanner(bytes.baseAddress!, count: bytes.count, from: start)
        var found = Findings(cellErrors: [CSVError?](repeating: nil, count: mapping.sources.count))
        var line = 1
        var fields: [Range<Int>] = []
        while scanner.position < scanner.count {
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            var field: CSVFieldScanner.Field
            repeat {
                guard let next = scanner.next() else { throw .unterminatedQuote(file: file, line: recordLine) }
                field = next
                line += field.lineFeeds
                fields.append(field.start..<field.start + field.count)
            } while field.end == .comma
            if field.end == .record { line += 1 }
            if fields.count == 1, fields[0].isEmpty, !field.quoted { continue }
            record(fields, of: scanner.bytes, line: recordLine, file: file, mapping: mapping, into: &found)
        }
        guard found.sawHeader else { throw .emptyFile(file: file) }
        for error in [found.headerError, found.ragged, found.missing] { if let error { throw error } }
        guard found.rows > 0 else { throw .noDataRows(file: file) }
        for error in found.cellErrors { if let error { throw error } }
    }

    /// Takes in one record (its fields as ranges of `bytes`): the header, or a data row checked
    /// for its length and then, while no earlier error stands, read by every source that has not
    /// failed yet — first by the byte-level recipes, and by ``ColumnSource`` on a ``CSVRow`` only
    /// when they find a fault, so that the error is the row-by-row route's own.
    static func record(
        _ fields: [Range<Int>], of bytes: UnsafeMutablePointer<UInt8>, line: Int, file: String, mapping: Mapping,
        into found: inout Findings
    ) {
        func texts() -> [String] {
            fields.map { String(decoding: UnsafeBufferPointer(start: bytes + $0.lowerBound, count: $0.count), as: UTF8.self) }
        }
        guard found.sawHeader else {
            header(texts(), file: file, mapping: mapping, into: &found)
            if let (recipes, positions, slots) = resolveAll(mapping.sources, variables: mapping.variables,
                                                             names: found.header?.names ?? []) {
                (found.recipes, found.positions, found.cells) = (recipes, positions, RowCells(bytes: bytes, slots: slots))
            }
            return
        }
        found.rows += 1
        // A ragged row anywhere comes before a missing column or a bad cell.
        guard let header = found.header, found.ragged == nil else { return }
        guard fields.count == header.names.count else {
            found.ragged = .raggedRow(file: file, line: line, expected: header.names.count, found: fields.count)
            return
        }
        guard found.missing == nil, !readsCleanly(fields, mapping: mapping, found: &found) else { return }
        let row = CSVRow(line: line, fields: texts(), header: header)
        for index in 0..<found.unsettled where found.cellErrors[index] == nil {
            let source = mapping.sources[index]
            do throws(CSVError) {
                let value = try source.value(in: row, for: index < mapping.variables.count ? mapping.variables[index] : nil)
                if mapping.weighted, index == mapping.sources.count - 1, !(value >= 0) {
                    throw .invalidValue(file: file, line: line, column: source.description, value: value, requirement: "≥ 0")
                }
            } catch {
                found.cellErrors[index] = error
            }
        }
    }

    /// Takes in the header's names: a repeated name, or a column the mapping names and the header
    /// lacks, is remembered as the error it is.
    static func header(_ fields: [String], file: String, mapping: Mapping, into found: inout Findings) {
        found.sawHeader = true
        var names = fields
        if names[0].hasPrefix("\u{FEFF}") { names[0] = String(names[0].dropFirst()) }
        do throws(CSVError) {
            found.header = try CSVHeader(file: file, names: names)
        } catch {
            found.headerError = error
        }
        do throws(CSVError) {
            for source in mapping.sources { for name in source.columns { _ = try found.header?.position(of: name) } }
        } catch {
            found.missing = error
        }
    }

    /// Whether every source that has not failed yet reads this row without fault by its byte-level
    /// recipe: a finite number inside its variable's domain, a weight ≥ 0.
    static func readsCleanly(_ fields: [Range<Int>], mapping: Mapping, found: inout Findings) -> Bool {
        guard let recipes = found.recipes, found.cells != nil else { return false }
        for (column, slot) in found.positions.enumerated() where slot >= 0 {
            found.cells!.starts[slot] = fields[column].lowerBound
            found.cells!.counts[slot] = fields[column].count
        }
        let cells = found.cells!
        for index in 0..<found.unsettled where found.cellErrors[index] == nil {
            guard let value = cells.value(recipes[index]) else { return false }
            if index < mapping.variables.count {
                do throws(ScalingLawError) { try mapping.variables[index].check(value) } catch { return false }
            }
            if mapping.weighted, index == recipes.count - 1, !(value >= 0) { return false }
        }
        return true
    }
}
