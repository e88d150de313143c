"""Differential test of alexdb::Decimal against Python's decimal module.

Generates cases with a fixed seed, runs the C++ driver (decimal_calc) once on all of
them, computes each expected line with decimal (exact arithmetic, then DynamoDB's rules:
at most 38 significant digits, then magnitude within 1e-130..1e126), and fails listing
the first mismatches.

Usage: decimal_oracle.py PATH_TO_decimal_calc [RANDOM_CASES]
"""
import decimal
import random
import re
import subprocess
import sys

SEED = 20261125
DEFAULT_CASES = 8000
DIGITS_RULE = "ERROR at most 38 significant digits"
RANGE_RULE = "ERROR magnitude within 1e-130..1e126"
NUMBER_RULE = "ERROR not a number"
ZERO_RULE = "ERROR division by zero"

# Exact for everything the cases produce; Inexact is trapped so the oracle cannot round.
EXACT = decimal.Context(prec=20000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                        traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow,
                               decimal.Underflow, decimal.DivisionByZero])
# Rounds to a quantum on request (Inexact expected, nothing else).
ROUNDING = decimal.Context(prec=20000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                           traps=[decimal.InvalidOperation])
# Division truncates to far more digits than any requested place, with ROUND_05UP: an
# inexact quotient then never ends in 0 or 5, so rounding it again to `places` (much
# coarser) rounds exactly as the true quotient would.
STICKY = decimal.Context(prec=10000, rounding=decimal.ROUND_05UP, Emax=decimal.MAX_EMAX,
                         Emin=decimal.MIN_EMIN, traps=[decimal.InvalidOperation])
MODES = {
    "half_even": decimal.ROUND_HALF_EVEN, "half_up": decimal.ROUND_HALF_UP,
    "down": decimal.ROUND_DOWN, "up": decimal.ROUND_UP,
    "floor": decimal.ROUND_FLOOR, "ceiling": decimal.ROUND_CEILING,
}
# The grammar DynamoDB accepts (Python's own parser also takes spaces, "_", "NaN", ...).
SYNTAX = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?\Z")
# libmpdec caps exponents near 1e18; clipping to 1e15 keeps such numbers out of range.
EXPONENT_CLIP = 10**15

NINES_38 = "9" * 38
BOUNDARIES = [
    "1e-130", "-1e-130", "1e-131", "0.99999999999999999999999999999999999999e-130",
    "9." + "9" * 37 + "e125", "-9." + "9" * 37 + "e125", "1e126", "1e125", "-1e125",
    NINES_38, "-" + NINES_38, "9" * 39, "1" + "0" * 37, "1e38", "1" + "0" * 38,
    "1" + "0" * 300 + "e-250", "0." + "0" * 129 + "1", "0." + "0" * 130 + "1",
    "12345678901234567890123456789012345678", "1234567890123456789012345678901234567.8",
    "123456789012345678901234567890123456789", "9223372036854775807", "-9223372036854775808",
]
ZEROS = ["0", "-0", "+0", "0.000", "000", ".0", "0.", "0e999999", "-0e-999999", "0e999999999999",
         "0e99999999999999999999999999"]
NOT_NUMBERS = ["abc", "NaN", "nan", "Infinity", "-Infinity", "inf", "1e", "e5", "--1", "+-1",
               "1.2.3", ".", "+", "-", ".e1", "0x10", "1e+", "1e-", "1_000", "1,5", "1e1.5",
               "\u0661", "1..2", "1e5e5", "12a", "١٢"]
HUGE = ["1e999999999999", "-1e999999999999", "1e-999999999999", "1e99999999999999999999999999",
        "5e-99999999999999999999999999", "1" * 39 + "e99999999999999999999"]


def decimal_of(text):
    """The exact value of text (which matches SYNTAX)."""
    match = SYNTAX.match(text)
    if match.group(1) is not None and abs(int(match.group(1))) > EXPONENT_CLIP:
        clipped = EXPONENT_CLIP if int(match.group(1)) > 0 else -EXPONENT_CLIP
        text = text[:match.start(1)] + str(clipped)
    return decimal.Decimal(text)


def dynamodb(value):
    """The canonical text of an exact value, or the error DynamoDB's rules give."""
    if value.is_zero():
        return "0"
    digits = "".join(map(str, value.as_tuple().digits)).strip("0")
    if len(digits) > 38:
        return DIGITS_RULE
    if not -130 <= value.adjusted() <= 125:
        return RANGE_RULE
    return format(value.normalize(EXACT), "f")


def parsed(text):
    """(value, None) for a number alexdb accepts, else (None, the error line)."""
    if not SYNTAX.match(text):
        return None, NUMBER_RULE
    value = decimal_of(text)
    answer = dynamodb(value)
    if answer.startswith("ERROR"):
        return None, answer
    return value.normalize(EXACT), None  # drops the exponent of zeros such as 0e999999


def quantum(places):
    return decimal.Decimal((0, (1,), -places))


def fitted(exact, places, rounding):
    """Decimal::multiply and Decimal::add: exact rounded to `places` digits after the
    point, or to 38 significant digits when more would remain."""
    if exact.is_zero():
        return exact
    result = exact.quantize(quantum(places), rounding=rounding, context=ROUNDING)
    if len("".join(map(str, result.as_tuple().digits)).strip("0")) <= 38:
        return result
    return exact.quantize(quantum(37 - exact.adjusted()), rounding=rounding, context=ROUNDING)


def expected(op, args):
    a, error = parsed(args[0])
    if error:
        return error
    if op == "parse":
        return dynamodb(a)
    if op == "round":
        return dynamodb(a.quantize(quantum(int(args[1])), rounding=MODES[args[2]],
                                   context=ROUNDING))
    b, error = parsed(args[1])
    if error:
        return error
    if op == "add":
        return dynamodb(EXACT.add(a, b))
    if op == "sub":
        return dynamodb(EXACT.subtract(a, b))
    if op == "mul":
        return dynamodb(EXACT.multiply(a, b))
    if op == "cmp":
        return str(int(a.compare(b)))
    if op in ("mulr", "addr"):
        exact = EXACT.multiply(a, b) if op == "mulr" else EXACT.add(a, b)
        return dynamodb(fitted(exact, int(args[2]), MODES[args[3]]))
    if op == "div":
        if b.is_zero():
            return ZERO_RULE
        quotient = STICKY.divide(a, b)
        return dynamodb(quotient.quantize(quantum(int(args[2])), rounding=MODES[args[3]],
                                          context=ROUNDING))
    raise ValueError(op)


def spell(rng, negative, coefficient, exponent):
    """A random spelling of (-1)^negative * coefficient * 10^exponent (coefficient a str)."""
    sign = "-" if negative else rng.choice(["", "", "", "+"])
    if rng.random() < 0.3:  # insignificant trailing zeros
        pad = rng.randint(1, 6)
        coefficient, exponent = coefficient + "0" * pad, exponent - pad
    if rng.random() < 0.2:  # insignificant leading zeros
        coefficient = "0" * rng.randint(1, 4) + coefficient
    style = rng.random()
    if style < 0.45 and -60 <= exponent <= 60:  # plain notation
        if exponent >= 0:
            return sign + coefficient + "0" * exponent + rng.choice(["", "", "."])
        point = len(coefficient) + exponent
        if point <= 0:
            return sign + rng.choice(["0", "", "00"]) + "." + "0" * -point + coefficient
        return sign + coefficient[:point] + "." + coefficient[point:]
    point = rng.randint(0, len(coefficient))  # d.ddde+x style, point anywhere
    mantissa = coefficient if point == len(coefficient) else (
        (coefficient[:point] or rng.choice(["0", ""])) + "." + coefficient[point:])
    shown = exponent + len(coefficient) - point
    marker = rng.choice(["e", "E"])
    return f"{sign}{mantissa}{marker}{rng.choice(['', '+']) if shown >= 0 else ''}{shown}"


def random_parts(rng):
    """(negative, coefficient, exponent) with 1..40 digits and a leading digit anywhere
    from well below 1e-130 to well above 1e126, favouring small and edge magnitudes."""
    ndigits = rng.choice([1, 1, 2, 3, 4, 6, 9, 12, 17, 19, 20, 25, 30, 36, 37, 38, 38, 39, 40])
    coefficient = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789")
                                                   for _ in range(ndigits - 1))
    kind = rng.random()
    if kind < 0.5:
        leading = rng.randint(-15, 15)
    elif kind < 0.65:
        leading = rng.randint(115, 128)
    elif kind < 0.8:
        leading = rng.randint(-134, -118)
    else:
        leading = rng.randint(-135, 130)
    return rng.random() < 0.4, coefficient, leading - (ndigits - 1)


def random_number(rng):
    kind = rng.random()
    if kind < 0.05:
        return rng.choice(ZEROS)
    if kind < 0.12:
        return rng.choice(BOUNDARIES)
    if kind < 0.14:
        return rng.choice(NOT_NUMBERS + HUGE)
    return spell(rng, *random_parts(rng))


def related_number(rng, text):
    """A number close to text: same value respelled, or off by one unit in some digit, so
    that + and - cancel and cmp meets equal and adjacent values."""
    value, error = parsed(text)
    if error or value.is_zero():
        return random_number(rng)
    sign, digits, exponent = value.normalize(EXACT).as_tuple()
    coefficient = int("".join(map(str, digits)))
    shift = rng.randint(0, max(0, 38 - len(digits)))
    coefficient, exponent = coefficient * 10**shift, exponent - shift
    coefficient += rng.choice([0, 0, 1, -1, 10, -10**rng.randint(0, 3)])
    negative = bool(sign) != (rng.random() < 0.2)
    if coefficient <= 0:
        return rng.choice(ZEROS)
    return spell(rng, negative, str(coefficient), exponent)


def aligned_number(rng, text):
    """A random number whose digits overlap text's, so a sum often fits in 38 digits."""
    value, error = parsed(text)
    if error or value.is_zero():
        return random_number(rng)
    _, digits, exponent = value.as_tuple()
    ndigits = rng.randint(1, len(digits) + 2)
    coefficient = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789")
                                                   for _ in range(ndigits - 1))
    return spell(rng, rng.random() < 0.5, coefficient, exponent + rng.randint(-2, 2))


def random_case(rng):
    op = rng.choice(["parse", "add", "sub", "mul", "cmp", "round", "div"])
    a = random_number(rng)
    if op == "parse":
        return op, [a]
    if op == "round" and rng.random() < 0.25:  # drop exactly one digit, often a 5: ties
        negative, coefficient, exponent = random_parts(rng)
        coefficient = coefficient[:-1] + rng.choice("55556789")
        a = spell(rng, negative, coefficient, exponent)
        return op, [a, str(-exponent - 1), rng.choice(list(MODES))]
    if op == "round":
        places = rng.choice([rng.randint(-5, 12), rng.randint(-140, 180),
                             rng.randint(-1500, -1000), rng.randint(1000, 1500)])
        return op, [a, str(places), rng.choice(list(MODES))]
    pick = rng.random()
    if pick < 0.3:
        b = related_number(rng, a)
    elif pick < 0.6 and op in ("add", "sub"):
        b = aligned_number(rng, a)
    else:
        b = random_number(rng)
    if op == "mul" and rng.random() < 0.5:  # keep many products in range
        negative, coefficient, exponent = random_parts(rng)
        b = spell(rng, negative, coefficient[:rng.randint(1, 19)], rng.randint(-60, 60))
    if op != "div":
        return op, [a, b]
    if rng.random() < 0.3:  # divisors that often divide exactly
        b = rng.choice(["2", "4", "8", "5", "-25", "0.5", "1.6", "3", "7", "0", "-0.0", "1e-5"])
    places = rng.choice([rng.randint(-3, 12), rng.randint(-140, 180),
                         rng.randint(-1500, -1000), rng.randint(1000, 1500)])
    value, error = parsed(a)
    if rng.random() < 0.2 and not error and not value.is_zero():  # odd / 2: ties
        b, places = rng.choice(["2", "-2"]), -value.as_tuple().exponent
    return op, [a, b, str(places), rng.choice(list(MODES))]


def rounded_case(rng):
    """A case of Decimal::multiply or Decimal::add (money arithmetic that must not fail
    on digits): operands of up to 38 digits, places around the money scale and beyond."""
    op = rng.choice(["mulr", "addr"])
    a = random_number(rng)
    pick = rng.random()
    if pick < 0.3:
        b = related_number(rng, a)
    elif pick < 0.6:
        b = aligned_number(rng, a)
    else:
        b = random_number(rng)
    if op == "mulr" and rng.random() < 0.5:  # keep many products in range
        negative, coefficient, exponent = random_parts(rng)
        b = spell(rng, negative, coefficient, rng.randint(-60, 40))
    places = rng.choice([8, 8, 2, rng.randint(-5, 12), rng.randint(-140, 180),
                         rng.randint(-1500, -1000), rng.randint(1000, 1500)])
    return op, [a, b, str(places), rng.choice(list(MODES))]


def fixed_cases():
    cases = [("parse", [text]) for text in BOUNDARIES + ZEROS + NOT_NUMBERS + HUGE]
    cases += [
        ("sub", ["1e38", NINES_38]), ("add", [NINES_38, "1"]), ("add", [NINES_38, "0.1"]),
        ("add", ["1e125", "1e-130"]), ("sub", ["1e-130", "1e-130"]), ("mul", ["1e-65", "1e-65"]),
        ("mul", ["1e-66", "1e-65"]), ("mul", ["1e63", "1e63"]), ("mul", ["-1e62", "9.99e63"]),
        ("cmp", ["-0", "0"]), ("cmp", ["1.50", "1.5"]), ("cmp", ["-1.25", "-1.2"]),
        ("div", ["1", "0", "2", "half_even"]), ("div", ["0", "0", "2", "half_even"]),
        ("div", ["1", "3", "1500", "up"]), ("div", ["1", "4", "1500", "up"]),
        ("div", ["1", "3", "-1500", "up"]), ("div", ["1", "3", "-1500", "down"]),
        ("round", ["5", "-1500", "up"]), ("round", ["5", "-1500", "half_even"]),
        ("round", ["1.5", "1500", "up"]), ("round", [NINES_38, "-1", "up"]),
        ("round", ["9." + "9" * 37 + "e125", "0", "up"]), ("round", ["1e-130", "129", "up"]),
        ("mulr", ["123456789012345.12345678", "1.2345678901234567", "8", "half_even"]),
        ("mulr", [NINES_38, NINES_38, "8", "half_even"]), ("mulr", ["2.5", "1e-8", "8", "half_even"]),
        ("mulr", ["1e-100", "1e-100", "8", "half_even"]), ("mulr", ["9e125", "9e125", "8", "up"]),
        ("addr", [NINES_38, "0.5", "0", "half_even"]), ("addr", [NINES_38, NINES_38, "8", "half_even"]),
        ("addr", ["1e125", "1e-130", "8", "half_even"]), ("addr", ["-0.000000005", "0", "8", "half_even"]),
    ]
    for mode in MODES:
        for value in ["2.5", "-2.5", "3.5", "-3.5", "2.51", "-2.49", "0.05", "-0.05", "15"]:
            cases.append(("round", [value, "0" if value != "15" else "-1", mode]))
        cases.append(("div", ["-7", "2", "0", mode]))
        cases.append(("div", ["1", "-8", "2", mode]))
    return cases


def main():
    driver = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_CASES
    rng = random.Random(SEED)
    cases = fixed_cases() + [random_case(rng) for _ in range(count)]
    rounding_rng = random.Random(SEED + 1)  # its own stream: the cases above stay the same
    cases += [rounded_case(rounding_rng) for _ in range(count // 2)]
    stdin = "".join(f"{op} {' '.join(args)}\n" for op, args in cases)
    result = subprocess.run([driver], input=stdin, capture_output=True, encoding="utf-8",
                            check=True)
    outputs = result.stdout.split("\n")
    mismatches, errors = [], 0
    for index, (op, args) in enumerate(cases):
        got = outputs[index] if index < len(outputs) else "<no output>"
        want = expected(op, args)
        errors += want.startswith("ERROR")
        if got != want:
            mismatches.append(f"{op} {' '.join(args)}\n    got  {got}\n    want {want}")
    print(f"decimal oracle: {len(cases)} cases ({errors} expected errors), "
          f"{len(mismatches)} mismatches")
    for line in mismatches[:20]:
        print("  " + line)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
