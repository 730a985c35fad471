#include "locale/calendar.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <memory>

namespace nashr {

namespace {

Diagnostic icu_failure(const char* what, UErrorCode status) {
  return make_error({}, std::string("ICU failed to ") + what + ": " + u_errorName(status));
}

Diagnostic invalid_date(const CalendarDate& date) {
  return make_error({}, "not a date: " + std::to_string(date.year) + "-" + std::to_string(date.month) + "-" +
                            std::to_string(date.day));
}

// A calendar of `locale` in UTC, strict about field values, set to noon of the given day (noon keeps
// the day whatever the time zone rules).
Result<std::unique_ptr<icu::Calendar>> calendar_at(const char* locale, const CalendarDate& date) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> calendar(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
  if (U_FAILURE(status)) return fail(icu_failure("create a calendar", status));
  calendar->setLenient(false);
  calendar->clear();
  calendar->set(date.year, date.month - 1, date.day, 12, 0, 0);
  calendar->getTime(status);  // validates the fields
  if (U_FAILURE(status)) return fail(invalid_date(date));
  return calendar;
}

CalendarDate fields_of(const icu::Calendar& calendar, UErrorCode& status) {
  return {calendar.get(UCAL_YEAR, status), calendar.get(UCAL_MONTH, status) + 1,
          calendar.get(UCAL_DAY_OF_MONTH, status)};
}

constexpr const char* kGregorian = "en_US@calendar=gregorian";
constexpr const char* kPersian = "fa_IR@calendar=persian";

Result<CalendarDate> convert(const char* from, const char* to, const CalendarDate& date) {
  Result<std::unique_ptr<icu::Calendar>> source = calendar_at(from, date);
  if (!source) return fail(source.error());
  UErrorCode status = U_ZERO_ERROR;
  const UDate instant = (*source)->getTime(status);
  std::unique_ptr<icu::Calendar> target(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(to), status));
  if (U_FAILURE(status)) return fail(icu_failure("create a calendar", status));
  target->setTime(instant, status);
  const CalendarDate result = fields_of(*target, status);
  if (U_FAILURE(status)) return fail(icu_failure("convert a date", status));
  return result;
}

Result<std::string> format_with(const char* locale, const CalendarDate& gregorian) {
  if (!is_valid_gregorian_date(gregorian)) return fail(invalid_date(gregorian));
  Result<std::unique_ptr<icu::Calendar>> source = calendar_at(kGregorian, gregorian);
  if (!source) return fail(source.error());
  UErrorCode status = U_ZERO_ERROR;
  const UDate instant = (*source)->getTime(status);
  // "d MMMM y": day, month name, year, in the locale's digits (arabext for fa).
  icu::SimpleDateFormat format(icu::UnicodeString(u"d MMMM y"), icu::Locale(locale), status);
  if (U_FAILURE(status)) return fail(icu_failure("create a date format", status));
  format.setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString text;
  format.format(instant, text);
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

}  // namespace

int gregorian_days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string to_iso_date(const CalendarDate& gregorian) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", gregorian.year, gregorian.month, gregorian.day);
  return text;
}

bool is_valid_gregorian_date(const CalendarDate& date) {
  return date.year >= 1 && date.year <= 9999 && date.day >= 1 &&
         date.day <= gregorian_days_in_month(date.year, date.month);
}

Result<CalendarDate> to_solar_hijri(const CalendarDate& gregorian) {
  if (!is_valid_gregorian_date(gregorian)) return fail(invalid_date(gregorian));
  return convert(kGregorian, kPersian, gregorian);
}

Result<CalendarDate> from_solar_hijri(const CalendarDate& solar_hijri) {
  return convert(kPersian, kGregorian, solar_hijri);
}

Result<int> solar_hijri_days_in_esfand(int year) {
  Result<std::unique_ptr<icu::Calendar>> calendar = calendar_at(kPersian, {year, 12, 1});
  if (!calendar) return fail(calendar.error());
  UErrorCode status = U_ZERO_ERROR;
  const int days = (*calendar)->getActualMaximum(UCAL_DAY_OF_MONTH, status);
  if (U_FAILURE(status)) return fail(icu_failure("measure a month", status));
  return days;
}

Result<std::string> format_gregorian_date(const CalendarDate& gregorian, std::string_view language) {
  const bool persian = language.substr(0, 2) == "fa";
  return format_with(persian ? "fa_IR@calendar=gregorian" : "en_GB@calendar=gregorian", gregorian);
}

Result<std::string> format_solar_hijri_date(const CalendarDate& gregorian) {
  return format_with(kPersian, gregorian);
}

}  // namespace nashr
