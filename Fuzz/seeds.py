#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (Fuzz/<Target>/corpus/): small, varied, valid and
hostile inputs from which libFuzzer mutates. Run from the repository root; .ci/fuzz.sh uses the
committed files, this script only documents and regenerates them (files found by fuzzing are added
next to them by hand, named after what they exercise)."""
import glob, os, struct

def write(target, name, data):
    path = os.path.join("Fuzz", target, "corpus", name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

# CSV reader: the heads of the shipped data sets, then encodings, quoting and malformed rows.
for path in sorted(glob.glob("Sources/ScalingLawsData/Resources/*.csv")):
    with open(path, "rb") as f:
        head = b"".join(f.readlines()[:4])
    write("CSVReader", "head-" + os.path.basename(path), head[:1500])
csv = {
    "minimal.csv": "N,D,loss\n1e9,1e11,2.9\n2e9,1e11,2.8\n",
    "bom.csv": b"\xef\xbb\xbfN,D,loss\n1e9,1e11,2.9\n",
    "bom-only.csv": b"\xef\xbb\xbf",
    "crlf.csv": "N,D,loss\r\n1e9,1e11,2.9\r\n2e9,2e11,2.7\r\n",
    "cr-only.csv": "N,D,loss\r1e9,1e11,2.9\r",
    "quotes.csv": 'N,"D, tokens",loss\n"1e9","1e11","2.9"\n"2e9",""""quoted""",2.8\n',
    "quoted-newline.csv": 'N,label,loss\n1e9,"int4\nfp8",2.9\n',
    "unterminated-quote.csv": 'N,D,loss\n1e9,"1e11,2.9\n',
    "quote-mid-field.csv": 'N,D,loss\n1e9,1"e11,2.9\n',
    "nul.csv": b"N,D,loss\n1\x000,1e11,2.9\n",
    "utf16le.csv": b"\xff\xfe" + "N,D,loss\n1,2,3\n".encode("utf-16-le"),
    "utf16be.csv": b"\xfe\xff" + "N,D,loss\n1,2,3\n".encode("utf-16-be"),
    "invalid-utf8.csv": b"N,label,loss\n1e9,\xe9t\xe9,2.9\n",
    "ragged.csv": "N,D,loss\n1e9,1e11\n2e9,1e11,2.8,extra\n",
    "duplicate-column.csv": "N,N,loss\n1,2,3\n",
    "empty-header.csv": ",,\n1,2,3\n",
    "header-only.csv": "N,D,loss\n",
    "blank-lines.csv": "\n\nN,D,loss\n\n1e9,1e11,2.9\n\n\n",
    "numbers.csv": "N,D,loss\n0x10,1_000,inf\nnan,-0,1e309\n 7e9 ,\t1e11\t,-1.5E-3\n4.9e-324,1e-400,+.5\n",
    "categories.csv": "N,D,format,loss\n1e9,1e11, int4 ,2.9\n2e9,1e11,fp8,2.8\n3e9,1e11,,2.7\n",
    "fractions.csv": "S,bits,loss\n0.5,4,2.9\n1,2,3\n-0.1,0,2\n",
    "expression-names.csv": "`N`,[D],a.b,loss\n1,2,3,4\n",
    "zero-weights.csv": "N,w,loss\n1e9,0,2.9\n2e9,0,2.8\n",
    "unicode-names.csv": "Größe,Tokens ✓,loss\n1e9,1e11,2.9\n",
    "one-field.csv": "loss",
    "only-commas.csv": ",,,,\n,,,,\n",
}
for name, data in csv.items():
    write("CSVReader", name, data)

# CSV file route: the same files (the fast column reader is tried on each first), then what that
# reader treats specially: bare numbers decoded while delimiting, padded and quoted numbers, long
# mantissas and subnormals handed to Double(_:), many rows, and an empty file.
for path in sorted(glob.glob("Sources/ScalingLawsData/Resources/*.csv")):
    with open(path, "rb") as f:
        head = b"".join(f.readlines()[:4])
    write("CSVFile", "head-" + os.path.basename(path), head[:1500])
for name, data in csv.items():
    write("CSVFile", name, data)
csv_file = {
    "empty.csv": b"",
    "fast-numbers.csv": "N,D,loss\n1e9,1e11,2.9\n1.5e9,2e11,2.85\n2e9,3e11,2.8\n",
    "padded-and-quoted.csv": 'N,D,loss\n 1e9\t,"2e11",2.9\n"3e9" , 4e11 ,"2.7"\n',
    "hard-numbers.csv": "N,D,loss\n12345678901234567890,1e-320,9007199254740993\n4.9e-324,1e308,2.2250738585072011e-308\n",
    "format-and-weights.csv": "N,D,format,loss\n1e9,1,int4,2.9\n2e9,0,fp8,2.8\n3e9,2, int4 ,2.7\n",
    "expression.csv": "N,D,loss,x\n1e9,1e11,2.9,0\n2e9,2e11,2.8,1e308\n",
    "many-rows.csv": "N,D,loss\n" + "".join("%de8,%de10,%.3f\n" % (i, i + 1, 3 - i / 1000) for i in range(1, 1200)),
    "no-final-newline.csv": "N,D,loss\n1e9,1e11,2.9",
    "mixed-line-ends.csv": "N,D,loss\r\n1e9,1e11,2.9\r2e9,1e11,2.8\n\n3e9,1e11,2.7",
}
for name, data in csv_file.items():
    write("CSVFile", name, data)

# Column expressions: the documented grammar, then malformed and deep ones.
expressions = {
    "chinchilla-tokens.txt": "`Model Size` / (6 * `Model Size`)",
    "brackets.txt": "[Model Size] * 6 + x",
    "functions.txt": "ln(x) + log(y) + log2(N) + log10(N) + exp(a.b) + sqrt(N)",
    "power.txt": "2^3^2 - x^-1",
    "unary.txt": "--x + -+-y",
    "numbers.txt": "1e-3 + .5 + 6. + 1E+9 + 1.5e",
    "division-by-zero.txt": "x / y",
    "ln-negative.txt": "ln(x - 3)",
    "overflow.txt": "e * e",
    "label-column.txt": "label + 1",
    "missing-column.txt": "nope * 2",
    "unclosed-backtick.txt": "`Model Size",
    "unclosed-bracket.txt": "[Model Size",
    "unclosed-paren.txt": "(x + y",
    "extra-paren.txt": "x + y)",
    "function-without-paren.txt": "sqrt x",
    "empty.txt": "",
    "spaces.txt": "   \t\n ",
    "deep-parentheses.txt": "(" * 250 + "x" + ")" * 250,
    "deep-minus.txt": "-" * 250 + "x",
    "deep-power.txt": "x^" * 120 + "x",
    "long-sum.txt": "+".join(["x"] * 3000),
    # Once overflowed a 1 MB stack: one tree level per term (the length limit allows 4,999).
    "sum-4999-terms.txt": "+".join(["x"] * 4999),
    "unicode-digits.txt": "\u0663 + \u00bd + x",
    "unicode-names.txt": "Größe * ✓",
    "nul.txt": "x\u0000+y",
    "dots.txt": "1.2.3 + a..b",
}
for name, data in expressions.items():
    write("ColumnExpression", name, data)
write("ColumnExpression", "invalid-utf8.txt", b"x + \xff\xfe y")

# Formula printer: a preset selector byte, then little-endian doubles.
def doubles(selector, *values):
    return bytes([selector]) + b"".join(struct.pack("<d", v) for v in values)
inf, nan = float("inf"), float("nan")
formula = {
    "chinchilla.bin": doubles(0, 1.69, 406.4, 410.7, 0.34, 0.28),
    "non-finite.bin": doubles(1, nan, inf, -inf, -0.0, 0.0),
    "subnormals.bin": doubles(2, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-310, -4.9406564584124654e-324),
    "extremes.bin": doubles(3, 1.7976931348623157e308, -1.7976931348623157e308, 1e300, 1e-300),
    "boundaries.bin": doubles(4, 1e7, 9999999.5, 9999999.99, 1e-3, 0.000999999999, 0.00099999995),
    "rounding.bin": doubles(5, 9.9999999e20, 0.33917084, 123456789.0, -1234567.5, 2.5, 0.5),
    "integers.bin": doubles(6, 9999999.0, -9999999.0, 1e15, 2.0**53, -(2.0**63), 2.0**63),
    "categories.bin": doubles(7, 0.0, 1.0, 2.0, -1.0, 0.5),
}
for selector in range(8, 72, 8):
    formula["preset-%d.bin" % selector] = doubles(selector, 0.5, -2.0, 1e-5, 3e10)
for name, data in formula.items():
    write("FormulaPrinter", name, data)
write("FormulaPrinter", "nan-payload.bin", bytes([9]) + bytes.fromhex("0100000000f8ff7f") + bytes.fromhex("ffffffffffffffff"))
