"""The registry's organisations and people as CSV and XLSX: import with a preview, and export.

columns.py: kinds, columns, limits; parse.py: reading files and cells; match.py and plan.py:
what each row would do; services.py: the confirmed import's writes; uploads.py: files kept
between preview and confirmation; jobs.py: the confirmation's background job; export.py:
downloads; views.py, api.py, forms.py: pages and endpoints.

Reading a file
- CSV is read as UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes one).
  Other encodings are refused with a message saying how to save the file as UTF-8, rather than
  guessed: a guess turns "Bihać" into "BihaÄ‡" without anyone noticing. The delimiter is
  whichever of `,` `;` or a tab occurs most often in the header line (`,` on a tie): Excel
  writes `;` where the decimal separator is a comma. csv.Sniffer guesses from the data as
  well, and is fooled by the commas and semicolons in missions and lists.
- XLSX is read from the first worksheet with openpyxl (read_only, data_only: values, never
  formulas). The zip is inspected first: a file that is not a zip, has more than MAX_PARTS
  parts or unpacks to more than MAX_UNZIPPED bytes (a "zip bomb") is refused before openpyxl
  opens it; openpyxl parses the XML with defusedxml, so no entity expansion.
- The first row names the columns, matched case-insensitively (spaces and dashes count as
  underscores). Unknown columns are reported and ignored; blank rows are skipped. Lists
  (motivations, interests, competencies, resources, skills) are separated by `;` or `|`, SDG
  goals by `;` (`,`, `|` and spaces also work); an item that itself contains `;` or `|`
  (the registry's forms separate by commas) comes back split. Coded columns (sector,
  iati_type, country, motivations, interests, partnering_role) take the code or its label.
- On an update, an empty cell (or a missing column) leaves the current value alone: a sheet
  with a few columns filled in must not erase the rest of a profile. A field is cleared in
  the registry itself.

Matching (a broker's registry has several "Ministry of Health"s)
- Organisations: the identifier (case-insensitive) first; else the exact name
  (case-insensitive), but only an organisation whose identifier and country do not
  contradict the row's; several such → the row is rejected as ambiguous. Otherwise created.
- People: the e-mail (case-insensitive) first; else the name within the row's organisation
  (organisation_identifier, else organisation_name; a row without either matches people
  without an organisation), again only where the e-mail does not contradict the row's.
- Two rows of one file that would write the same record (or the same identifier or e-mail)
  are all rejected: which one is right is for the person who made the file to say.

Preview and confirm
The preview runs every row through registry.services.check_organisation / check_person (the
forms' validation and permissions, without saving) and keeps the file under an unguessable
name in the uploader's own folder, registry-imports/<user>/, of the default storage
(STORAGES: a folder, a shared volume or an S3-compatible store). Confirming reads that file
again and plans it again against the registry as it is then (the preview is not trusted),
then writes the valid rows through the registry's services, each with its audit event, BATCH
rows to a transaction (SQLite has one writer: a file of 10,000 rows must not hold every other
writer up until its end): the new organisations of a batch with create_checked_organisations
(as the confirmation's plan validated them, so each row is validated once; one INSERT for all
of them, one for their goals, one for their events), the other rows with
update_organisation and create_/update_person; a row the services refuse at that point is
rolled back alone and reported (a batch of new organisations that is refused is written
again row by row, so that only the rows at fault are). Unchanged rows are not written, so
they need no permission. The confirmation runs as a background job (jobs.py) whose page shows its
progress; a job interrupted midway runs again, and the rows it had written show as unchanged.

Export and formula injection
A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula,
so a registry entry typed by anyone could run on the computer of whoever opens the export
("CSV injection"). Such cells are written with a leading apostrophe, which spreadsheets show
as text; the import removes that one apostrophe again, so export → import is unchanged.
"""
