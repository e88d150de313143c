"""Differential test of alexdb::Decimal against Python's decimal module.

Generates cases with a fixed seed, runs the C++ driver (decimal_calc) once on all of
them, computes each expected answer with decimal (exact context, then DynamoDB's rule:
at most 38 significant digits, magnitude within 1e-130..1e126), and fails listing the
first mismatches. Usage: decimal_oracle.py PATH_TO_decimal_calc [CASES]
"""
import decimal
import random
import subprocess
import sys

EXACT = decimal.Context(prec=3000, Emax=10**6, Emin=-10**6, traps=[decimal.InvalidOperation])
MODES = {
    "half_even": decimal.ROUND_HALF_EVEN, "half_up": decimal.ROUND_HALF_UP,
    "down": decimal.ROUND_DOWN, "up": decimal.ROUND_UP,
    "floor": decimal.ROUND_FLOOR, "ceiling": decimal.ROUND_CEILING,
}


def dynamodb(value):
    """The canonical text of value, or ERROR when DynamoDB cannot hold it."""
    if not value.is_finite():
        return "ERROR"
    if value.is_zero():
        return "0"
    value = value.normalize(EXACT)
    digits = len(value.as_tuple().digits)
    if digits > 38 or not -130 <= value.adjusted() <= 125:
        return "ERROR"
    text = format(value, "f")
    return text


def random_number(rng):
    kind = rng.random()
    if kind < 0.05:
        return rng.choice(["0", "-0", "0.000", "0e50", "000"])
    if kind < 0.12:  # near the limits
        return rng.choice(["1e-130", "-1e-130", "1e-131", "9.9999999999999999999999999999999999999e125",
                           "1e126", "99999999999999999999999999999999999999",
                           "999999999999999999999999999999999999999", "1e125", "-1e125"])
    ndigits = rng.choice([1, 2, 3, 5, 8, 12, 20, 30, 37, 38, 39, 40])
    digits = "".join(rng.choice("0123456789") for _ in range(ndigits)).lstrip("0") or "1"
    if rng.random() < 0.2:
        digits += "0" * rng.randint(1, 5)
    sign = "-" if rng.random() < 0.4 else ""
    form = rng.random()
    if form < 0.4:
        exponent = rng.randint(-12, 12)
        return f"{sign}{digits}e{exponent}"
    if form < 0.6:
        exponent = rng.randint(-150, 140)
        return f"{sign}{digits}E{exponent}"
    point = rng.randint(0, len(digits))
    return f"{sign}{digits[:point] or '0'}.{digits[point:] or '0'}"


def expected(op, args):
    try:
        if op == "parse":
            return dynamodb(EXACT.create_decimal(args[0]))
        a = EXACT.create_decimal(args[0])
        for text in args[:2 if op not in ("round",) else 1]:
            if dynamodb(EXACT.create_decimal(text)) == "ERROR":
                return "ERROR"
        if op == "round":
            places, mode = int(args[1]), MODES[args[2]]
            return dynamodb(a.quantize(decimal.Decimal(1).scaleb(-places), rounding=mode, context=EXACT))
        b = EXACT.create_decimal(args[1])
        if op == "add":
            return dynamodb(EXACT.add(a, b))
        if op == "sub":
            return dynamodb(EXACT.subtract(a, b))
        if op == "mul":
            return dynamodb(EXACT.multiply(a, b))
        if op == "cmp":
            return str(int(a.compare(b)))
        if op == "div":
            if b.is_zero():
                return "ERROR"
            places, mode = int(args[2]), MODES[args[3]]
            quotient = EXACT.divide(a, b)
            return dynamodb(quotient.quantize(decimal.Decimal(1).scaleb(-places), rounding=mode, context=EXACT))
    except decimal.InvalidOperation:
        return "ERROR"
    raise ValueError(op)


def main():
    driver = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    rng = random.Random(20261125)
    cases = []
    for _ in range(count):
        op = rng.choice(["parse", "add", "sub", "mul", "cmp", "round", "div"])
        a, b = random_number(rng), random_number(rng)
        if op == "parse":
            args = [a]
        elif op == "round":
            args = [a, str(rng.randint(-5, 12)), rng.choice(list(MODES))]
        elif op == "div":
            args = [a, b, str(rng.randint(0, 12)), rng.choice(list(MODES))]
        else:
            args = [a, b]
        cases.append((op, args))
    for bad in ["", "abc", "1e", "--1", "1.2.3", "NaN", "Infinity", "0x10", "1e+", ".", "1 2"]:
        cases.append(("parse", [bad]) if " " not in bad and bad else ("parse", ["x" + bad]))
    stdin = "".join(f"{op} {' '.join(args)}\n" for op, args in cases)
    result = subprocess.run([driver], input=stdin, capture_output=True, text=True, check=True)
    outputs = result.stdout.split("\n")
    mismatches = []
    for (op, args), got in zip(cases, outputs):
        want = expected(op, args) if not args[0].startswith("x") else "ERROR"
        if got != want:
            mismatches.append(f"{op} {' '.join(args)}: got {got}, want {want}")
    print(f"decimal oracle: {len(cases)} cases, {len(mismatches)} mismatches")
    for line in mismatches[:20]:
        print("  " + line)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
