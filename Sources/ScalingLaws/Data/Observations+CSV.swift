extension Observations {
    /// Reads a data set from the rows of `table`: each variable's values from its ``ColumnSource``,
    /// the measured values from `target`, the weights from `weights` when given.
    ///
    /// Every column the mapping names must be in the header, and every cell must be a finite number
    /// inside its variable's domain (or a known label, for a categorical variable): otherwise a
    /// ``CSVError`` names the file, the line and the column.
    public init(
        _ table: CSVTable, columns: [Variable: ColumnSource], target: ColumnSource, weights: ColumnSource? = nil
    ) throws(CSVError) {
        let mapping = columns.sorted { $0.key.id < $1.key.id }
        var sources: [ColumnSource] = mapping.map(\.value) + [target]
        if let weights { sources.append(weights) }
        for source in sources {
            for name in source.columns { _ = try table.index(of: name) }
        }
        guard !table.rows.isEmpty else { throw .noDataRows(file: table.file) }
        var values: [Variable: [Double]] = [:]
        for (variable, source) in mapping {
            var column: [Double] = []
            column.reserveCapacity(table.rows.count)
            for row in table.rows { column.append(try source.value(in: row, for: variable)) }
            values[variable] = column
        }
        var targets: [Double] = []
        for row in table.rows { targets.append(try target.value(in: row, for: nil)) }
        var weightValues: [Double]?
        if let weights {
            var column: [Double] = []
            for row in table.rows {
                let weight = try weights.value(in: row, for: nil)
                guard weight >= 0 else {
                    throw .invalidValue(file: row.file, line: row.line, column: weights.description, value: weight, requirement: "≥ 0")
                }
                column.append(weight)
            }
            weightValues = column
        }
        do {
            try self.init(values, targets: targets, weights: weightValues)
        } catch {
            // Every cell was checked above; what remains is a data set with all weights zero.
            throw .invalidMapping("\(table.file): \(error.description)")
        }
    }

    /// Reads the CSV file at `path` (see ``init(_:columns:target:weights:)``), keeping only the rows
    /// for which `isIncluded` returns true.
    ///
    /// Without a row filter or a ``ColumnSource/derived(_:_:)`` source, only the mapped columns are
    /// decoded, straight from the file's bytes: a 10⁶-row file of three numeric columns reads in a
    /// fraction of a second, and the peak memory is the file plus eight bytes per value read (a
    /// ``CSVTable`` holds every cell as a `String`, five to eight times the file). Numbers are the
    /// correctly rounded doubles `Double(_:)` gives. The files, values and errors are exactly those
    /// of ``CSVTable`` with ``init(_:columns:target:weights:)``: a bad file is read once more, one
    /// row at a time, to find the error that route throws (same line, column and text). A row filter
    /// or a derived source needs whole rows, so the file is then read as a ``CSVTable``.
    public init(
        contentsOfCSV path: String, columns: [Variable: ColumnSource], target: ColumnSource,
        weights: ColumnSource? = nil, where isIncluded: ((CSVRow) throws(CSVError) -> Bool)? = nil
    ) throws(CSVError) {
        // Straight from the bytes when the mapping allows it (a row filter or a closure needs whole
        // rows). On any error that route gives up, and one more pass over the file finds the error
        // the row-by-row route would throw, without holding every row as it does.
        let mapping = columns.sorted { $0.key.id < $1.key.id }.map { ($0.key, $0.value) }
        let sources = mapping.map(\.1) + [target] + (weights.map { [$0] } ?? [])
        if isIncluded == nil, !sources.contains(where: \.readsWholeRows) {
            if let data = CSVColumnReader.observations(path: path, columns: mapping, target: target, weights: weights) {
                self = data
                return
            }
            if let error = CSVColumnReader.firstError(path: path, columns: mapping, target: target, weights: weights) {
                throw error
            }
        }
        var table = try CSVTable(contentsOfFile: path)
        if let isIncluded {
            let all = table.rows.count
            table = try table.filter(isIncluded)
            if table.rows.isEmpty && all > 0 { throw .noDataRows(file: path) }
        }
        try self.init(table, columns: columns, target: target, weights: weights)
    }
}
