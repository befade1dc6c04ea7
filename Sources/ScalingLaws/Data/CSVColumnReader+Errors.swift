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
        guard var data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return nil }
        var sources = columns.map(\.1) + [target]
        if let weights { sources.append(weights) }
        let mapping = Mapping(sources: sources, variables: columns.map(\.0), weighted: weights != nil)
        return data.withUnsafeMutableBytes { raw -> CSVError? in
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
        var cells: [CSVError?]
    }

    /// Throws what the row-by-row route would throw for `bytes`; returns when it would throw nothing.
    static func diagnose(_ bytes: UnsafeMutableBufferPointer<UInt8>, file: String, mapping: Mapping) throws(CSVError) {
        let start = try CSVTable.checkedUTF8(UnsafeBufferPointer(bytes), file: file)
        var scanner = CSVFieldScanner(bytes.baseAddress!, count: bytes.count, from: start)
        var found = Findings(cells: [CSVError?](repeating: nil, count: mapping.sources.count))
        var line = 1
        var fields: [String] = []
        while scanner.position < scanner.count {
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            var field: CSVFieldScanner.Field
            repeat {
                guard let next = scanner.next() else { throw .unterminatedQuote(file: file, line: recordLine) }
                field = next
                line += field.lineFeeds
                fields.append(String(decoding: UnsafeBufferPointer(start: scanner.bytes + field.start, count: field.count),
                                     as: UTF8.self))
            } while field.end == .comma
            if field.end == .record { line += 1 }
            if fields.count == 1, fields[0].isEmpty, !field.quoted { continue }
            record(fields, line: recordLine, file: file, mapping: mapping, into: &found)
        }
        guard found.sawHeader else { throw .emptyFile(file: file) }
        for error in [found.headerError, found.ragged, found.missing] { if let error { throw error } }
        guard found.rows > 0 else { throw .noDataRows(file: file) }
        for error in found.cells { if let error { throw error } }
    }

    /// Takes in one record: the header, or a data row checked for its length and then, while no
    /// earlier error stands, read by every source that has not failed yet.
    static func record(_ fields: [String], line: Int, file: String, mapping: Mapping, into found: inout Findings) {
        guard found.sawHeader else {
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
            return
        }
        found.rows += 1
        // A ragged row anywhere comes before a missing column or a bad cell.
        guard let header = found.header, found.ragged == nil else { return }
        guard fields.count == header.names.count else {
            found.ragged = .raggedRow(file: file, line: line, expected: header.names.count, found: fields.count)
            return
        }
        guard found.missing == nil else { return }
        let row = CSVRow(line: line, fields: fields, header: header)
        for index in mapping.sources.indices where found.cells[index] == nil {
            let source = mapping.sources[index]
            do throws(CSVError) {
                let value = try source.value(in: row, for: index < mapping.variables.count ? mapping.variables[index] : nil)
                if mapping.weighted, index == mapping.sources.count - 1, !(value >= 0) {
                    throw .invalidValue(file: file, line: line, column: source.description, value: value, requirement: "≥ 0")
                }
            } catch {
                found.cells[index] = error
            }
        }
    }
}
