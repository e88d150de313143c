"""Tests of the planner workload's helpers (stdlib only, no alexdb module needed):
/usr/bin/python3 bench/planner_workload_test.py"""

import datetime
import unittest

from planner_workload import floor_table
from planner_workload_worker import CHANGES, PRICE_DAYS, capacity_totals, price_rows, quantities


class CapacityTotalsTest(unittest.TestCase):
    def test_totals_at_the_top_or_under_total(self):
        flat = {"requests": 3, "read_units": 1.5, "write_units": 2}
        self.assertEqual(capacity_totals(flat), (3, 1.5, 2))
        self.assertEqual(capacity_totals({"total": flat, "tables": {}}), (3, 1.5, 2))

    def test_totals_summed_over_tables(self):
        tables = {"tables": {"users": {"requests": 2, "read_units": 1, "write_units": 0},
                             "instruments": {"requests": 1, "read_units": 0, "write_units": 4}}}
        self.assertEqual(capacity_totals(tables), (3, 1, 4))

    def test_an_unknown_shape_is_none(self):
        self.assertIsNone(capacity_totals({"calls": 3}))
        self.assertIsNone(capacity_totals(42))


class WorkloadDataTest(unittest.TestCase):
    def test_quantities_stay_positive_and_actions_follow_them(self):
        changes = quantities()
        self.assertEqual(len(changes), CHANGES)
        previous = 0
        for quantity, action in changes:
            self.assertGreater(quantity, 0)
            self.assertEqual(action, "BUY" if quantity > previous else "SELL")
            previous = quantity

    def test_prices_are_daily_and_end_on_the_last_day(self):
        last = datetime.date(2026, 11, 29)
        rows = price_rows([{"symbol": "SPY", "current_price": "450.25"}], last)
        self.assertEqual(len(rows), PRICE_DAYS)
        self.assertEqual(rows[-1]["timestamp"], "2026-11-29")
        self.assertEqual(len({row["timestamp"] for row in rows}), PRICE_DAYS)


class FloorTableTest(unittest.TestCase):
    def test_each_build_has_its_medians_and_the_head_its_share_of_the_target(self):
        floors = {"base": {"changes": {"requests": 4, "walls": [0.2, 0.3, 0.1], "cpus": [0.1] * 3}},
                  "head": {"changes": {"requests": 2, "walls": [0.09, 0.1, 0.2],
                                       "cpus": [0.04, 0.05, 0.06]}}}
        table = floor_table(floors, {"base": "old", "head": "new"}, {"changes": 0.15})
        self.assertIn("| changes | 4 / 0.200 / 0.100 | 2 / 0.100 / 0.050 | 0.100 | 50% / 100% |",
                      table)
        self.assertNotIn("target", floor_table(floors, {"base": "old", "head": "new"}, None))


if __name__ == "__main__":
    unittest.main()
