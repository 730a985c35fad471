#pragma once
// Calendar dates for mastheads: the issue date in the Gregorian calendar and, for Persian readers,
// in the Solar Hijri (Jalali) calendar. Conversions go through ICU's Persian calendar
// (`fa_IR@calendar=persian`); there is deliberately no hand-written conversion anywhere (the common
// 2820-year rule gets 1403 wrong).
#include <string>
#include <string_view>

#include "base/result.h"

namespace nashr {

// A day in some calendar; months and days are 1-based.
struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
};

// Days in a Gregorian month (proleptic Gregorian rules); 0 for a month outside 1–12.
int gregorian_days_in_month(int year, int month);

// "2025-01-20": the ISO 8601 form, for metadata and dumps.
std::string to_iso_date(const CalendarDate& gregorian);

// True when the date exists in the Gregorian calendar (years 1–9999).
bool is_valid_gregorian_date(const CalendarDate& date);

// The Solar Hijri date of a Gregorian date, through ICU. Fails only for an invalid date or an ICU
// failure.
Result<CalendarDate> to_solar_hijri(const CalendarDate& gregorian);

// The Gregorian date of a Solar Hijri date, through ICU.
Result<CalendarDate> from_solar_hijri(const CalendarDate& solar_hijri);

// Days in the last month (Esfand) of a Solar Hijri year: 30 in leap years, 29 otherwise (ICU).
Result<int> solar_hijri_days_in_esfand(int year);
inline Result<bool> is_solar_hijri_leap_year(int year) {
  return solar_hijri_days_in_esfand(year).map([](int days) { return days == 30; });
}

// "20 January 2025" for "en", "۲۰ ژانویهٔ ۲۰۲۵" for "fa" (digits and month names of the locale).
Result<std::string> format_gregorian_date(const CalendarDate& gregorian, std::string_view language);

// The Solar Hijri date in Persian: "۱ بهمن ۱۴۰۳" (Persian digits and month names).
Result<std::string> format_solar_hijri_date(const CalendarDate& gregorian);

}  // namespace nashr
