#!/usr/bin/env python3
"""Reference for FormulaNumberTests.roundingCarriesIntoTheExponent: C's printf rounding of a double
to 7 significant digits ("%.6e"), which the formula printer must match (mantissa in [1, 10),
trailing zeros dropped)."""
for value in (0.000999999999, -0.000999999999, 9.99999999e20, 9.9999994e-5, 9.99999999e-310):
    mantissa, exponent = ("%.6e" % value).split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    print("%r -> %se%d" % (value, mantissa, int(exponent)))
