extension Array where Element == Variable {
    /// The entries of `given` in this list's order, after checking that `given` names no variable
    /// outside the list and every variable of the list except those in `free` (which get
    /// `placeholder`).
    ///
    /// The one check of "does this input fit this law" behind evaluation, batches, solvers and
    /// fits: unknown variables are reported before missing ones, both by id.
    @inlinable
    func ordered<Value>(
        _ given: [Variable: Value], leavingOut free: Set<Variable> = [], placeholder: Value? = nil
    ) throws(ScalingLawError) -> [Value] {
        for key in given.keys.sorted(by: { $0.id < $1.id }) where !contains(key) { throw .unexpectedVariable(key.id) }
        var values: [Value] = []
        values.reserveCapacity(count)
        for variable in self {
            if free.contains(variable), let placeholder {
                values.append(placeholder)
                continue
            }
            guard let value = given[variable] else { throw .missingVariable(variable.id) }
            values.append(value)
        }
        return values
    }
}
