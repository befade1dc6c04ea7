#!/usr/bin/env python3
"""Reference values for the decimal parsing of CSV cells (Tests/ScalingLawsTests/CSVFastPathTests.swift).

    python3 Tests/Reference/decimal_reference.py

1. The bit patterns of the doubles nearest to awkward decimal texts, as Python's float() (David
   Gay's correctly rounded strtod) reads them.
2. Entries of the 128-bit power-of-ten table: floor(10^q * 2^(127 - floor(log2 10^q))), computed
   with exact integers and fractions, printed as (high, low) 64-bit halves.
"""
import struct
from fractions import Fraction

AWKWARD = [
    "0.1", "0.30000000000000004", "1.7976931348623157e308", "1e308", "1e-320", "4.9e-324",
    "2.2250738585072014e-308", "2.2250738585072011e-308", ".5", "5.", "-0", "-0.0e10", "1E+05",
    "+3.25", "9007199254740993", "9007199254740995", "123456789012345678", "1234567890123456789",
    "12345678901234567890", "0.000000000000000000000000000123456789", "7.0e22", "1e23",
    "8.98846567431158e307", "2.4703282292062328e-324", "5e-324", "1.00000000000000011102230246251565404236316680908203125",
    "4.35679719e-5", "89255e-22", "3.328951705999247", "51968389.07556927", "9758942245.890762",
    "1e400", "1e-400", "0e999", "-1.5E-3",
]


def bits(text):
    return struct.unpack("<Q", struct.pack("<d", float(text)))[0]


def table_entry(q):
    value = Fraction(10) ** q
    exponent = value.numerator.bit_length() - value.denominator.bit_length()
    if Fraction(2) ** exponent > value:
        exponent -= 1
    scaled = value * Fraction(2) ** (127 - exponent)
    whole = scaled.numerator // scaled.denominator
    assert 2 ** 127 <= whole < 2 ** 128
    return whole >> 64, whole & (2 ** 64 - 1)


if __name__ == "__main__":
    for text in AWKWARD:
        print(f'("{text}", 0x{bits(text):016X}),')
    for q in (-348, -300, -100, -23, -22, -1, 0, 1, 22, 23, 27, 28, 100, 300, 347):
        high, low = table_entry(q)
        print(f"({q}, 0x{high:016X}, 0x{low:016X}),")
