"""Content in more than one language (issue 18, part 2).

What people write (a partnership's title and problem statement, the sections of an agreement,
proposals, indicators, consultation texts) records the language it was written in; members
who may edit a record add or revise a translation of any of its fields into any language
(`ContentTranslation`, one table for every kind of record, see docs/content-translations.md).
Readers get the text in their interface language when a translation exists, marked as such,
with a link to the original.
"""
