"""An independent oracle of db.portfolio.returns (SPEC section 12, issue 18), written from
the definitions in README "Returns" alone, with Python's Fraction and Decimal:

- Day t of a period is the UTC date start + t; V_t is the ledger's cash after every
  transaction dated on or before that date, plus, for each symbol held then (units > 0),
  units x its last price dated on or before that date, rounded half-even to 8 places.
- External flows: DEPOSIT +amount, WITHDRAWAL -amount, TRANSFER_IN +units x price that
  day (the transfer's own price when the symbol has none), rounded to 8 places,
  TRANSFER_OUT minus the same; those dated on the start date are in V_0.
- TWR: prod over t >= 1 of (V_t + out_t) / (V_{t-1} + in_t), minus 1 (a zero denominator:
  factor 1); MWR: the root r > -1 of sum c_i (1 + r)^(-days_i / 365) for c = -V_0, -net_t,
  +V_n, the first bracketed by scanning ln(1 + r) over [0, 0.01], [-0.01, 0], [0.01, 0.02],
  [-0.02, -0.01], ... to +-30; rounded half-even to 8 places (within 1e-25 of a tie: the
  tie).
- Benchmark: TWR p_n / p_0 - 1; MWR: the same flows with the end value units x p_n, units
  = V_0 / p_0 + sum net_t / p_t. Missing prices (a held symbol without one on a day; the
  benchmark without one > 0 on a day it needs) leave the returns None.

Events are dicts with "type", "at" (a fixed-width UTC timestamp) and the fields of the
type; prices map a symbol to [(timestamp, Decimal)] in time order.
"""
import datetime
import math
from decimal import ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction

PLACES = 8
EXTERNAL = ("DEPOSIT", "WITHDRAWAL", "TRANSFER_IN", "TRANSFER_OUT")


def _day(text):
    return datetime.date.fromisoformat(text[:10])


def _money(x):
    """x (a Fraction or Decimal) rounded half-even to 8 places, as a Decimal."""
    return _round_fraction(Fraction(x), PLACES)


def _round_fraction(q, places):
    scaled = q * 10**places
    whole = scaled.numerator // scaled.denominator
    rest = scaled - whole
    if rest > Fraction(1, 2) or rest == Fraction(1, 2) and whole % 2:
        whole += 1
    return Decimal(whole).scaleb(-places)


def _price_on(prices, symbol, day):
    found = None
    for at, price in prices.get(symbol, []):
        if _day(at) <= day:
            found = Decimal(price)
    return found


def _cash_effect(e):
    t = e["type"]
    if t in ("DEPOSIT", "DIVIDEND", "INTEREST"):
        return Decimal(e["amount"])
    if t in ("WITHDRAWAL", "FEE"):
        return -Decimal(e["amount"])
    if t == "BUY":
        return -Decimal(e["price"]) * Decimal(e["quantity"]) - Decimal(e.get("fees", "0"))
    if t == "SELL":
        return Decimal(e["price"]) * Decimal(e["quantity"]) - Decimal(e.get("fees", "0"))
    return Decimal(0)


def _units_effect(e):
    if e["type"] in ("BUY", "TRANSFER_IN"):
        return Decimal(e["quantity"])
    if e["type"] in ("SELL", "TRANSFER_OUT"):
        return -Decimal(e["quantity"])
    return Decimal(0)


def _npv_and_slope(flows, x):
    """sum c e^(-x t) and its derivative in x, t in years of 365 days."""
    total = slope = Decimal(0)
    for days, amount in flows:
        t = Decimal(days) / 365
        term = Decimal(amount.numerator) / Decimal(amount.denominator) * (-x * t).exp()
        total += term
        slope -= t * term
    return total, slope


def _sign(x):
    return (x > 0) - (x < 0)


def _round_rate(r):
    scaled = r.scaleb(PLACES)
    whole = scaled.to_integral_value(rounding=ROUND_FLOOR)
    rest = scaled - whole
    if abs(rest - Decimal("0.5")) < Decimal("1e-25"):
        if whole % 2:
            whole += 1
    elif rest > Decimal("0.5"):
        whole += 1
    return (whole.scaleb(-PLACES)).quantize(Decimal(1).scaleb(-PLACES))


def xirr(flows):
    """The money-weighted rate of [(days, Fraction)], or None."""
    signs = {_sign(a) for _, a in flows}
    if 1 not in signs or -1 not in signs:
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        step = Decimal("0.01")

        signs = {}
        years = [(days / 365, float(amount)) for days, amount in flows]

        def sign_at(k):  # the scan's signs in floats (each grid point once), exact at 0
            if k == 0:
                return _sign(sum(amount for _, amount in flows))
            if k not in signs:
                x = k * 0.01
                signs[k] = _sign(math.fsum(a * math.exp(-x * t) for t, a in years))
            return signs[k]

        bracket = None
        for j in range(3000):
            for k in (j, -j - 1):
                a, b = sign_at(k), sign_at(k + 1)
                if a == 0:
                    return _round_rate((k * step).exp() - 1)
                if b == 0:
                    return _round_rate(((k + 1) * step).exp() - 1)
                if a != b:
                    bracket = (k * step, (k + 1) * step, a)
                    break
            if bracket:
                break
        if not bracket:
            return None
        low, high, low_sign = bracket
        x = (low + high) / 2
        for _ in range(200):
            value, slope = _npv_and_slope(flows, x)
            if value == 0:
                break
            if _sign(value) == low_sign:
                low = x
            else:
                high = x
            newton = x - value / slope if slope != 0 else None
            nxt = newton if newton is not None and low < newton < high else (low + high) / 2
            if abs(nxt - x) < Decimal("1e-45"):
                x = nxt
                break
            x = nxt
        return _round_rate(x.exp() - 1)


def days_of(events, prices, start, end, benchmark=None):
    """Per day: (date, V, inflow, outflow, net), the flows and the missing prices."""
    first, last = _day(start), _day(end)
    n = (last - first).days
    events = sorted(events, key=lambda e: e["at"])
    cash, units = Decimal(0), {}
    out, flows, missing = [], [], {}
    i = 0
    for t in range(n + 1):
        day = first + datetime.timedelta(days=t)
        inflow = outflow = Decimal(0)
        while i < len(events) and _day(events[i]["at"]) <= day:
            e = events[i]
            i += 1
            cash += _cash_effect(e)
            if e.get("symbol") and _units_effect(e):
                units[e["symbol"]] = units.get(e["symbol"], Decimal(0)) + _units_effect(e)
            if t == 0 or e["type"] not in EXTERNAL:
                continue
            if e["type"] in ("DEPOSIT", "WITHDRAWAL"):
                amount = Decimal(e["amount"])
            else:
                market = _price_on(prices, e["symbol"], day)
                own = Decimal(e.get("price", "0"))
                amount = _money(Fraction(Decimal(e["quantity"])) *
                                Fraction(market if market is not None else own))
            if e["type"] in ("DEPOSIT", "TRANSFER_IN"):
                inflow += amount
                flows.append({"date": day.isoformat(), "type": e["type"], "amount": amount})
            else:
                outflow += amount
                flows.append({"date": day.isoformat(), "type": e["type"], "amount": -amount})
        value = cash
        for symbol in sorted(units):
            if units[symbol] <= 0:
                continue
            price = _price_on(prices, symbol, day)
            if price is None:
                m = missing.setdefault(symbol, {"symbol": symbol, "from": day.isoformat()})
                m["to"] = day.isoformat()
                continue
            value += _money(Fraction(units[symbol]) * Fraction(price))
        out.append((day, value, inflow, outflow, inflow - outflow))
    return out, flows, missing


def returns(events, prices, start, end, kind="twr", benchmark=None):
    """db.portfolio.returns' answer, without the note and the flows' transaction ids."""
    days, flows, missing = days_of(events, prices, start, end, benchmark)
    n = len(days) - 1
    result = {"kind": kind, "start": days[0][0].isoformat(), "end": days[-1][0].isoformat(),
              "return": None, "benchmark": benchmark, "benchmark_return": None,
              "start_value": days[0][1], "end_value": days[-1][1], "flows": flows}
    mwr_flows = [(0, -Fraction(days[0][1]))]
    mwr_flows += [(t, -Fraction(days[t][4])) for t in range(1, n + 1) if days[t][4] != 0]
    if not missing:
        if kind == "twr":
            growth = Fraction(1)
            for t in range(1, n + 1):
                denominator = Fraction(days[t - 1][1]) + Fraction(days[t][2])
                if denominator != 0:
                    growth *= (Fraction(days[t][1]) + Fraction(days[t][3])) / denominator
            result["return"] = _round_fraction(growth - 1, PLACES)
        elif n > 0:
            result["return"] = xirr(mwr_flows + [(n, Fraction(days[n][1]))])
    if benchmark:
        needed = [0] + ([t for t in range(1, n) if days[t][4] != 0] if kind == "mwr" else [])
        needed += [n] if n > 0 else []
        price = {t: _price_on(prices, benchmark, days[t][0]) for t in needed}
        lacking = [t for t in needed if price[t] is None or price[t] <= 0]
        if lacking:
            if benchmark not in missing:
                missing[benchmark] = {"symbol": benchmark, "from": days[lacking[0]][0].isoformat(),
                                      "to": days[lacking[-1]][0].isoformat()}
        elif kind == "twr":
            result["benchmark_return"] = _round_fraction(
                Fraction(price[n]) / Fraction(price[0]) - 1, PLACES)
        elif not missing and n > 0:
            held = Fraction(days[0][1]) / Fraction(price[0])
            for t in range(1, n + 1):
                if days[t][4] != 0:
                    held += Fraction(days[t][4]) / Fraction(price[t])
            result["benchmark_return"] = xirr(mwr_flows + [(n, held * Fraction(price[n]))])
    result["missing_prices"] = [missing[s] for s in sorted(missing)]
    return result


def twr_series(events, prices, start, end):
    """The cumulative TWR at every day of the period (None from a missing price on)."""
    days, _, _ = days_of(events, prices, start, end)
    out, growth = [], Fraction(1)
    for t in range(len(days)):
        if t:
            denominator = Fraction(days[t - 1][1]) + Fraction(days[t][2])
            if denominator != 0:
                growth *= (Fraction(days[t][1]) + Fraction(days[t][3])) / denominator
        out.append(_round_fraction(growth - 1, PLACES))
    return out
