"""Dates, numbers and money in the reader's language (issue 18): partnering/formats.py,
the templates' `date`, `datetime`, `number` and `money` filters."""

import datetime
import zoneinfo
from decimal import Decimal

from django.test import SimpleTestCase
from django.utils import timezone, translation

from partnering.formats import local_date, local_datetime, money, number
from partnering.jinja2 import environment

NBSP = "\u202f"  # CLDR's narrow no-break space: French thousands
DAY = datetime.date(2026, 12, 7)
MOMENT = datetime.datetime(2026, 9, 27, 9, 5, tzinfo=datetime.UTC)


class DateFormatTest(SimpleTestCase):
    def test_it_writes_dates_in_each_languages_order_and_month_names(self):
        expected = {"en": "7 Dec 2026", "fr": "7 déc. 2026", "es": "7 dic 2026",
                    "pt": "7 de dez. de 2026"}
        for language, text in expected.items():
            with translation.override(language):
                self.assertEqual(local_date(DAY), text, language)

    def test_it_writes_moments_to_the_minute(self):
        expected = {"en": "27 Sep 2026, 09:05", "fr": "27 sept. 2026, 09:05",
                    "es": "27 sept 2026, 9:05", "pt": "27 de set. de 2026 09:05"}
        for language, text in expected.items():
            with translation.override(language):
                self.assertEqual(local_datetime(MOMENT), text, language)

    def test_the_same_moment_is_written_in_the_time_zone_in_force_each_time(self):
        with translation.override("en"):
            self.assertEqual(local_datetime(MOMENT), "27 Sep 2026, 09:05")
            with timezone.override(zoneinfo.ZoneInfo("Pacific/Auckland")):
                self.assertEqual(local_datetime(MOMENT), "27 Sep 2026, 22:05")  # NZDT
                self.assertEqual(local_date(MOMENT.replace(hour=13)), "28 Sep 2026")
            self.assertEqual(local_date(MOMENT.replace(hour=13)), "27 Sep 2026")
            self.assertEqual(local_datetime(MOMENT.replace(second=59)), "27 Sep 2026, 09:05")
            self.assertEqual(local_datetime(MOMENT.replace(minute=6)), "27 Sep 2026, 09:06")

    def test_it_writes_long_dates_for_mails(self):
        with translation.override("fr"):
            self.assertEqual(local_date(DAY, "long"), "7 décembre 2026")
        with translation.override("es"):
            self.assertEqual(local_date(DAY, "long"), "7 de diciembre de 2026")

    def test_nothing_is_an_empty_date(self):
        self.assertEqual(local_date(None), "")
        self.assertEqual(local_datetime(None), "")

    def test_the_templates_filters_follow_the_language(self):
        env = environment()
        template = env.from_string("{{ d|date }} · {{ n|number }} · {{ m|money('EUR') }}")
        with translation.override("pt"):
            self.assertEqual(template.render(d=DAY, n=Decimal("1234.5"), m=Decimal("12000")),
                             "7 de dez. de 2026 · 1.234,5 · €\xa012.000")
        with translation.override("en"):
            self.assertEqual(template.render(d=DAY, n=Decimal("1234.5"), m=Decimal("12000")),
                             "7 Dec 2026 · 1,234.5 · €12,000")


class NumberFormatTest(SimpleTestCase):
    def test_it_uses_each_languages_decimal_and_grouping_marks(self):
        expected = {"en": "12,000.5", "fr": f"12{NBSP}000,5", "es": "12.000,5",
                    "pt": "12.000,5"}
        for language, text in expected.items():
            with translation.override(language):
                self.assertEqual(number(Decimal("12000.5")), text, language)

    def test_it_gives_a_fixed_number_of_decimals_when_asked(self):
        with translation.override("fr"):
            self.assertEqual(number(0.256, 2), "0,26")
            self.assertEqual(number(41.6, 0), "42")
        with translation.override("en"):
            self.assertEqual(number(0.5, 2), "0.50")

    def test_nothing_is_a_dash(self):
        self.assertEqual(number(None), "—")
        self.assertEqual(money(None, "EUR"), "—")


class MoneyFormatTest(SimpleTestCase):
    def test_it_puts_the_currency_where_the_language_does(self):
        expected = {"en": "€12,000", "fr": f"12{NBSP}000\xa0€", "es": "12.000\xa0€",
                    "pt": "€\xa012.000"}
        for language, text in expected.items():
            with translation.override(language):
                self.assertEqual(money(Decimal("12000"), "EUR"), text, language)

    def test_it_keeps_cents_when_there_are_some(self):
        with translation.override("es"):
            self.assertEqual(money(Decimal("1500.5"), "USD"), "1.500,50\xa0US$")
        with translation.override("en"):
            self.assertEqual(money(Decimal("1500.5"), "USD"), "US$1,500.50")

    def test_a_symbol_of_letters_is_kept_apart_from_the_digits(self):
        with translation.override("en"):
            self.assertEqual(money(500, "XOF"), f"F{NBSP}CFA\xa0500")
            self.assertEqual(money(10, "MZN"), "MZN\xa010")
        with translation.override("pt"):
            self.assertEqual(money(10, "BAM"), "BAM\xa010")

    def test_without_a_currency_it_is_the_amount_alone(self):
        with translation.override("fr"):
            self.assertEqual(money(Decimal("12.5")), "12,50")
            self.assertEqual(money(Decimal("3000")), f"3{NBSP}000")
