"""Exports and imports: tracker's own JSON, CSV, calendar (ICS), Loop Habit Tracker, harsh, dijo.

Each format is a module of pure codecs between model values and bytes; nothing here
writes the data file. The faces call:

* exports: `tracker_json.export_json`, `csv_export.export_csv`, `ics.export_ics`, on a
  `data.TrackerData` snapshot narrowed by a `data.ExportScope`;
* imports: `detect.read_import(path, today=...)` gives an `plan.ImportPlan`,
  `plan.merge_plan(plan, existing)` the new part (`plan.ImportChanges`), and
  `plan.describe_changes(...)` the lines `--dry-run` prints.

Modules are imported where they are used (the command line starts fast).
"""
