"""An oracle of lots and gains, written from the definitions alone (no code shared with
the C++), for the differential tests: tests/alex/lot_oracle_test.py (the C++ lot book,
splits included) and python/tests/test_portfolio_oracle.py (db.portfolio on the engines).

SPEC section 12 and src/alex/lot_book.h define lots and gains: a purchase's cost basis is
quantity x price + fees; a sale draws on the lots by the method (fifo: earliest acquired;
lifo: latest; hifo: highest cost per unit, ties to the earliest; average: one pool per
symbol), each lot drawn gives one realized entry with proceeds quantity x price, its share
of the sale's fees and its share of the lot's cost basis (a share is amount x part / whole
rounded half-even to the amount's digits after the point, at least 2; the last part of
the fees takes the remainder; a lot drawn whole gives its whole cost); gain = proceeds -
fees - cost basis. A split multiplies every lot's quantity by to / from (rounded half-even
to 8 places), cost bases unchanged.

A sequence is {"method": ..., "events": [...]}; an event is {"type": "BUY", "symbol",
"quantity", "price", "fees", "at"}, {"type": "SELL", ... the same}, {"type":
"TRANSFER_IN", "symbol", "quantity", "cost_per_unit", "at"}, {"type": "TRANSFER_OUT",
"symbol", "quantity", "at"} or {"type": "SPLIT", "symbol", "from", "to"}, numbers as
decimal text.
"""
import decimal
from decimal import Decimal
from fractions import Fraction

METHODS = ["fifo", "lifo", "hifo", "average"]
CONTEXT = decimal.Context(prec=120, rounding=decimal.ROUND_HALF_EVEN)


class Refused(Exception):
    def __init__(self, field):
        super().__init__(field)
        self.field = field


def places_of(amount):
    exponent = amount.normalize(CONTEXT).as_tuple().exponent
    return max(-exponent, 0)


def rounded(value, places):
    return value.quantize(Decimal(1).scaleb(-places), context=CONTEXT)


def share(amount, part, whole):
    if part == whole:
        return amount
    exact = CONTEXT.divide(CONTEXT.multiply(amount, part), whole)
    return rounded(exact, max(places_of(amount), 2))


class Oracle:
    """Lots as lists of [quantity, cost, acquired], per symbol, in acquisition order."""

    def __init__(self, method):
        self.method = method
        self.lots = {}
        self.realized = []

    def acquire(self, symbol, quantity, cost, at):
        if quantity <= 0:
            raise Refused("quantity")
        lots = self.lots.setdefault(symbol, [])
        if self.method == "average" and lots:
            lots[0][0] += quantity
            lots[0][1] += cost
        else:
            lots.append([quantity, cost, at])

    def pick(self, lots):
        if self.method in ("fifo", "average"):
            return 0
        if self.method == "lifo":
            return len(lots) - 1
        per_unit = [Fraction(cost) / Fraction(quantity) for quantity, cost, _ in lots]
        best = max(per_unit)
        return per_unit.index(best)  # the first (earliest) of the highest

    def draw(self, symbol, quantity):
        if quantity <= 0:
            raise Refused("quantity")
        lots = self.lots.get(symbol, [])
        if quantity > sum((lot[0] for lot in lots), Decimal(0)):
            raise Refused("quantity")
        parts, left = [], quantity
        while left > 0:
            i = self.pick(lots)
            lot_quantity, lot_cost, acquired = lots[i]
            take = min(lot_quantity, left)
            cost = share(lot_cost, take, lot_quantity)
            parts.append((take, cost, acquired))
            lots[i] = [lot_quantity - take, lot_cost - cost, acquired]
            if lots[i][0] == 0:
                del lots[i]
            left -= take
        return parts

    def apply(self, e):
        t, symbol = e["type"], e["symbol"]
        if t == "BUY":
            cost = Decimal(e["quantity"]) * Decimal(e["price"]) + Decimal(e["fees"])
            self.acquire(symbol, Decimal(e["quantity"]), cost, e["at"])
        elif t == "TRANSFER_IN":
            self.acquire(symbol, Decimal(e["quantity"]),
                         Decimal(e["quantity"]) * Decimal(e["cost_per_unit"]), e["at"])
        elif t == "TRANSFER_OUT":
            self.draw(symbol, Decimal(e["quantity"]))
        elif t == "SELL":
            quantity, price, fees = (Decimal(e[k]) for k in ("quantity", "price", "fees"))
            parts = self.draw(symbol, quantity)
            fees_left = fees
            for n, (take, cost, acquired) in enumerate(parts):
                part_fees = fees_left if n == len(parts) - 1 else share(fees, take, quantity)
                fees_left -= part_fees
                proceeds = take * price
                self.realized.append({
                    "symbol": symbol, "quantity": take, "proceeds": proceeds,
                    "fees": part_fees, "cost_basis": cost,
                    "gain": proceeds - part_fees - cost, "acquired": acquired,
                    "sold": e["at"]})
        elif t == "SPLIT":
            ratio_from, ratio_to = Decimal(e["from"]), Decimal(e["to"])
            for lot in self.lots.get(symbol, []):
                lot[0] = rounded(CONTEXT.divide(lot[0] * ratio_to, ratio_from), 8)

    def result(self):
        lots = []
        for symbol in sorted(self.lots):
            for quantity, cost, acquired in self.lots[symbol]:
                lots.append({"symbol": symbol, "quantity": quantity,
                             "cost_per_unit": rounded(CONTEXT.divide(cost, quantity), 8),
                             "cost_basis": cost, "acquired": acquired})
        return {"lots": lots, "realized": self.realized}


def oracle(sequence):
    book = Oracle(sequence["method"])
    for n, event in enumerate(sequence["events"]):
        try:
            book.apply(event)
        except Refused as refused:
            return {"error": {"event": n, "field": refused.field}}
    return book.result()


def money(rng, low, high, places=2):
    return str(Decimal(rng.randint(low, high)).scaleb(-places))


def buy_event(rng, symbol, at):
    """A generated purchase; a third at one of a few prices without fees: lots of equal
    cost per unit, where hifo's tie rule decides."""
    quantity = money(rng, 1, 100000, rng.choice([0, 2, 4]))
    tie = rng.random() < 0.33
    return {"type": "BUY", "symbol": symbol, "quantity": quantity,
            "price": (rng.choice(["100", "100.00", "250.5"]) if tie
                      else money(rng, 1, 9999999, rng.choice([2, 4]))),
            "fees": "0" if tie else money(rng, 0, 2000), "at": at}


def transfer_in_event(rng, symbol, at):
    """A generated transfer in, at its own cost per unit."""
    return {"type": "TRANSFER_IN", "symbol": symbol, "quantity": money(rng, 1, 5000, 1),
            "cost_per_unit": money(rng, 1, 999999, 3), "at": at}


def draw_event(rng, symbol, quantity, at):
    """A generated sale (most of the time, at its own price and fees) or transfer out of
    `quantity`."""
    kind = "SELL" if rng.random() < 0.85 else "TRANSFER_OUT"
    event = {"type": kind, "symbol": symbol, "quantity": str(quantity), "at": at}
    if kind == "SELL":
        event.update(price=money(rng, 1, 9999999, rng.choice([2, 4])), fees=money(rng, 0, 2000))
    return event
