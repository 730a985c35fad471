// The Solar Hijri calendar through ICU. Expected values are the official Iranian calendar
// (leap years 1399, 1403 and 1408 have 30 days in Esfand), not a formula of ours.
#include "locale/calendar.h"

#include <gtest/gtest.h>

namespace nashr {
namespace {

TEST(Calendar, LeapYearsHaveThirtyDaysInEsfand) {
  for (int year : {1399, 1403, 1408}) {
    EXPECT_EQ(solar_hijri_days_in_esfand(year).value(), 30) << year;
    EXPECT_TRUE(is_solar_hijri_leap_year(year).value()) << year;
  }
  for (int year : {1400, 1401, 1402, 1404, 1405, 1406, 1407}) {
    EXPECT_EQ(solar_hijri_days_in_esfand(year).value(), 29) << year;
  }
}

TEST(Calendar, LeapDaysConvertBothWays) {
  struct Pair {
    CalendarDate gregorian;
    CalendarDate solar_hijri;
  };
  for (const Pair& pair : {Pair{{2021, 3, 20}, {1399, 12, 30}}, Pair{{2021, 3, 21}, {1400, 1, 1}},
                           Pair{{2025, 3, 20}, {1403, 12, 30}}, Pair{{2025, 3, 21}, {1404, 1, 1}},
                           Pair{{2030, 3, 20}, {1408, 12, 30}}, Pair{{2030, 3, 21}, {1409, 1, 1}},
                           Pair{{2026, 3, 20}, {1404, 12, 29}}, Pair{{2026, 3, 21}, {1405, 1, 1}},
                           Pair{{2025, 1, 15}, {1403, 10, 26}}, Pair{{2025, 1, 20}, {1403, 11, 1}}}) {
    EXPECT_EQ(to_solar_hijri(pair.gregorian).value(), pair.solar_hijri)
        << pair.gregorian.year << "-" << pair.gregorian.month << "-" << pair.gregorian.day;
    EXPECT_EQ(from_solar_hijri(pair.solar_hijri).value(), pair.gregorian);
  }
}

TEST(Calendar, NonexistentDatesFail) {
  EXPECT_FALSE(from_solar_hijri({1404, 12, 30}).ok());  // 1404 is not leap
  EXPECT_FALSE(to_solar_hijri({2025, 2, 29}).ok());
  EXPECT_FALSE(to_solar_hijri({2025, 13, 1}).ok());
  EXPECT_TRUE(to_solar_hijri({2024, 2, 29}).ok());
}

TEST(Calendar, GregorianValidation) {
  EXPECT_EQ(gregorian_days_in_month(2024, 2), 29);
  EXPECT_EQ(gregorian_days_in_month(2025, 2), 28);
  EXPECT_EQ(gregorian_days_in_month(1900, 2), 28);
  EXPECT_EQ(gregorian_days_in_month(2000, 2), 29);
  EXPECT_EQ(gregorian_days_in_month(2025, 13), 0);
  EXPECT_FALSE(is_valid_gregorian_date({2025, 4, 31}));
  EXPECT_TRUE(is_valid_gregorian_date({2025, 12, 31}));
}

TEST(Calendar, FormatsInPersianWithPersianDigitsAndMonthNames) {
  EXPECT_EQ(format_solar_hijri_date({2025, 1, 20}).value(), "۱ بهمن ۱۴۰۳");
  EXPECT_EQ(format_solar_hijri_date({2025, 3, 20}).value(), "۳۰ اسفند ۱۴۰۳");
  EXPECT_EQ(format_solar_hijri_date({2025, 3, 21}).value(), "۱ فروردین ۱۴۰۴");
  EXPECT_EQ(format_gregorian_date({2025, 1, 20}, "en").value(), "20 January 2025");
  EXPECT_EQ(format_gregorian_date({2025, 1, 20}, "fa").value(), "۲۰ ژانویهٔ ۲۰۲۵");
  EXPECT_FALSE(format_solar_hijri_date({2025, 2, 30}).ok());
}

}  // namespace
}  // namespace nashr
