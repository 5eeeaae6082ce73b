"""The genre's vocabulary shared by the extractors: dates, doc numbers, regions, phrase look-ups, masks,
brackets, and the rule tables of ingest/data/*.toml (tables.py reads them; one module per table compiles
it: unit_labels, bodies, national_bodies, genres, comparators). See docs/rules.md."""
