// The lot book's arithmetic: textbook cases of each cost method worked by hand, splits,
// refusals, and conservation of cost over generated sequences.
#include "alex/lot_book.h"

#include <gtest/gtest.h>

#include <random>

#include "alexdb/errors.h"

namespace alexdb::alex {
namespace {

Decimal D(const char* text) { return Decimal::parse(text); }

// Two purchases of 10 (at 100 and 120, fee 1 each), then a sale of 15 at 130, fee 3.
std::vector<RealizedGain> two_buys_one_sale(LotBook& book) {
  book.buy("SPY", D("10"), D("100"), D("1"), "2024-01-02T21:00:00.000000Z");
  book.buy("SPY", D("10"), D("120"), D("1"), "2024-02-01T21:00:00.000000Z");
  return book.sell("SPY", D("15"), D("130"), D("3"), "2024-03-01T21:00:00.000000Z");
}

TEST(LotBookTest, FifoSellsTheEarliestLotFirstAndSplitsTheFeesByQuantity) {
  LotBook book(CostMethod::kFifo);
  std::vector<RealizedGain> gains = two_buys_one_sale(book);
  ASSERT_EQ(gains.size(), 2u);
  EXPECT_EQ(gains[0], (RealizedGain{"SPY", D("10"), D("1300"), D("2"), D("1001"), D("297"),
                                    "2024-01-02T21:00:00.000000Z", "2024-03-01T21:00:00.000000Z"}));
  EXPECT_EQ(gains[1], (RealizedGain{"SPY", D("5"), D("650"), D("1"), D("600.5"), D("48.5"),
                                    "2024-02-01T21:00:00.000000Z", "2024-03-01T21:00:00.000000Z"}));
  EXPECT_EQ(
      book.lots(),
      (std::vector<Lot>{{"SPY", D("5"), D("120.1"), D("600.5"), "2024-02-01T21:00:00.000000Z"}}));
}

TEST(LotBookTest, LifoSellsTheLatestLotFirst) {
  LotBook book(CostMethod::kLifo);
  std::vector<RealizedGain> gains = two_buys_one_sale(book);
  ASSERT_EQ(gains.size(), 2u);
  EXPECT_EQ(gains[0].cost_basis, D("1201"));
  EXPECT_EQ(gains[0].gain, D("97"));
  EXPECT_EQ(gains[1].cost_basis, D("500.5"));
  EXPECT_EQ(gains[1].gain, D("148.5"));
  EXPECT_EQ(book.lots().at(0).acquired, "2024-01-02T21:00:00.000000Z");
}

TEST(LotBookTest, HifoSellsTheHighestCostPerUnitFirstWhateverItsAge) {
  LotBook book(CostMethod::kHifo);
  book.buy("QQQ", D("10"), D("90"), D("0"), "2024-01-01T21:00:00.000000Z");
  book.buy("QQQ", D("10"), D("120"), D("0"), "2024-01-02T21:00:00.000000Z");
  book.buy("QQQ", D("10"), D("100"), D("0"), "2024-01-03T21:00:00.000000Z");
  std::vector<RealizedGain> gains =
      book.sell("QQQ", D("12"), D("110"), D("0"), "2024-01-04T21:00:00.000000Z");
  ASSERT_EQ(gains.size(), 2u);
  EXPECT_EQ(gains[0].acquired, "2024-01-02T21:00:00.000000Z");  // 120 a unit
  EXPECT_EQ(gains[0].gain, D("-100"));
  EXPECT_EQ(gains[1].acquired, "2024-01-03T21:00:00.000000Z");  // 100 a unit, 2 of them
  EXPECT_EQ(gains[1].cost_basis, D("200"));
  EXPECT_EQ(gains[1].gain, D("20"));
}

TEST(LotBookTest, HifoBreaksTiesByTheEarliestAcquisition) {
  LotBook book(CostMethod::kHifo);
  book.buy("QQQ", D("3"), D("100"), D("0"), "2024-01-01T21:00:00.000000Z");
  book.buy("QQQ", D("3"), D("100"), D("0"), "2024-01-02T21:00:00.000000Z");
  EXPECT_EQ(book.sell("QQQ", D("1"), D("1"), D("0"), "2024-01-03T21:00:00.000000Z")[0].acquired,
            "2024-01-01T21:00:00.000000Z");
}

TEST(LotBookTest, AverageCostPoolsEverySymbolAndKeepsTheFirstAcquisition) {
  LotBook book(CostMethod::kAverage);
  std::vector<RealizedGain> gains = two_buys_one_sale(book);
  ASSERT_EQ(gains.size(), 1u);
  EXPECT_EQ(gains[0], (RealizedGain{"SPY", D("15"), D("1950"), D("3"), D("1651.5"), D("295.5"),
                                    "2024-01-02T21:00:00.000000Z", "2024-03-01T21:00:00.000000Z"}));
  EXPECT_EQ(
      book.lots(),
      (std::vector<Lot>{{"SPY", D("5"), D("110.1"), D("550.5"), "2024-01-02T21:00:00.000000Z"}}));
  // Sold out, the pool starts again at the next purchase.
  book.sell("SPY", D("5"), D("100"), D("0"), "2024-04-01T21:00:00.000000Z");
  book.buy("SPY", D("1"), D("50"), D("0"), "2024-05-01T21:00:00.000000Z");
  EXPECT_EQ(book.lots().at(0).acquired, "2024-05-01T21:00:00.000000Z");
}

TEST(LotBookTest, APartSoldTakesItsShareOfTheCostRoundedAndTheLotKeepsTheRest) {
  LotBook book(CostMethod::kFifo);
  book.buy("VTI", D("3"), D("33.33"), D("0.01"), "2024-01-01T21:00:00.000000Z");  // cost 100
  std::vector<RealizedGain> first =
      book.sell("VTI", D("1"), D("40"), D("0"), "2024-01-02T21:00:00.000000Z");
  EXPECT_EQ(first[0].cost_basis, D("33.33"));  // 100 / 3 to the cent, half-even
  std::vector<RealizedGain> rest =
      book.sell("VTI", D("2"), D("40"), D("0"), "2024-01-03T21:00:00.000000Z");
  EXPECT_EQ(rest[0].cost_basis, D("66.67"));  // what is left: the parts add up to 100
  EXPECT_TRUE(book.lots().empty());
}

TEST(LotBookTest, ASplitMultipliesQuantitiesAndKeepsCostsAndDates) {
  LotBook book(CostMethod::kFifo);
  book.buy("NVDA", D("10"), D("500"), D("5"), "2024-01-01T21:00:00.000000Z");
  book.split("NVDA", D("1"), D("10"));
  EXPECT_EQ(
      book.lots(),
      (std::vector<Lot>{{"NVDA", D("100"), D("50.05"), D("5005"), "2024-01-01T21:00:00.000000Z"}}));
  std::vector<RealizedGain> gains =
      book.sell("NVDA", D("50"), D("60"), D("0"), "2024-07-01T21:00:00.000000Z");
  EXPECT_EQ(gains[0].cost_basis, D("2502.5"));
  EXPECT_EQ(gains[0].gain, D("497.5"));
  EXPECT_EQ(gains[0].acquired, "2024-01-01T21:00:00.000000Z");  // the holding period runs on
}

TEST(LotBookTest, AReverseSplitThatDoesNotDivideRoundsTheQuantity) {
  LotBook book(CostMethod::kFifo);
  book.buy("GE", D("10"), D("10"), D("0"), "2024-01-01T21:00:00.000000Z");
  book.split("GE", D("3"), D("1"));
  EXPECT_EQ(book.held("GE"), D("3.33333333"));
  EXPECT_EQ(book.lots().at(0).cost_basis, D("100"));
}

TEST(LotBookTest, SellingMoreThanIsHeldIsRefusedAndChangesNothing) {
  LotBook book(CostMethod::kFifo);
  book.buy("SPY", D("2"), D("10"), D("0"), "2024-01-01T21:00:00.000000Z");
  try {
    book.sell("SPY", D("3"), D("10"), D("0"), "2024-01-02T21:00:00.000000Z");
    FAIL() << "sold more than held";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "quantity");
    EXPECT_EQ(e.rule(), "must not exceed the units held");
  }
  EXPECT_THROW(book.transfer_out("QQQ", D("1")), ValidationError);
  EXPECT_THROW(book.buy("SPY", D("0"), D("10"), D("0"), "2024-01-03T21:00:00.000000Z"),
               ValidationError);
  EXPECT_EQ(book.held("SPY"), D("2"));
}

TEST(LotBookTest, CostMethodsParseByName) {
  EXPECT_EQ(parse_cost_method("hifo"), CostMethod::kHifo);
  EXPECT_EQ(cost_method_name(parse_cost_method("average")), "average");
  try {
    parse_cost_method("FIFO", "--method");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "--method");
    EXPECT_EQ(e.rule(), "one of fifo, lifo, hifo, average");
  }
}

// Over generated sequences of purchases, sales, transfers and splits, by every method:
// what was acquired = what sales and transfers took + what the open lots hold, in cost
// exactly; quantities likewise where no split rounded; every sale's parts add up to its
// quantity, proceeds and fees; the units held are always the open lots' sum.
TEST(LotBookTest, CostIsConservedOverGeneratedSequences) {
  std::mt19937 random(20261201);
  auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  for (CostMethod method :
       {CostMethod::kFifo, CostMethod::kLifo, CostMethod::kHifo, CostMethod::kAverage}) {
    for (int sequence = 0; sequence < 200; ++sequence) {
      LotBook book(method);
      Decimal acquired_cost, drawn_cost;
      for (int step = 0; step < 40; ++step) {
        std::string at = "2024-01-" + std::to_string(10 + step / 4) + "T21:00:00.000000Z";
        const char* symbol = pick(0, 1) ? "AAA" : "BBB";
        Decimal held = book.held(symbol);
        int kind = pick(0, 9);
        if (kind < 5 || held.is_zero()) {
          Decimal quantity = Decimal::divide(Decimal::from_int(pick(1, 5000)), D("100"), 2);
          Decimal price = Decimal::divide(Decimal::from_int(pick(100, 99999)), D("100"), 2);
          Decimal fees = Decimal::divide(Decimal::from_int(pick(0, 999)), D("100"), 2);
          book.buy(symbol, quantity, price, fees, at);
          acquired_cost += quantity * price + fees;
        } else if (kind < 9) {
          Decimal quantity = Decimal::divide(held * Decimal::from_int(pick(1, 100)), D("100"), 2,
                                             RoundingMode::kDown);
          if (quantity.is_zero()) continue;
          Decimal fees = Decimal::divide(Decimal::from_int(pick(0, 999)), D("100"), 2);
          Decimal price = D("12.34");
          std::vector<RealizedGain> parts = book.sell(symbol, quantity, price, fees, at);
          Decimal sold, part_fees, proceeds;
          for (const RealizedGain& part : parts) {
            sold += part.quantity;
            part_fees += part.fees;
            proceeds += part.proceeds;
            drawn_cost += part.cost_basis;
            EXPECT_EQ(part.gain, part.proceeds - part.fees - part.cost_basis);
          }
          EXPECT_EQ(sold, quantity);
          EXPECT_EQ(part_fees, fees);
          EXPECT_EQ(proceeds, quantity * price);
        } else {
          book.split(symbol, D("1"), D("2"));
        }
        // held() is kept as lots change; it always equals what the lots hold.
        Decimal in_lots;
        for (const Lot& lot : book.lots(symbol)) in_lots += lot.quantity;
        ASSERT_EQ(book.held(symbol), in_lots) << "method " << cost_method_name(method);
      }
      Decimal open_cost;
      for (const Lot& lot : book.lots()) open_cost += lot.cost_basis;
      ASSERT_EQ(acquired_cost, drawn_cost + open_cost)
          << "method " << cost_method_name(method) << " sequence " << sequence;
    }
  }
}

}  // namespace
}  // namespace alexdb::alex
