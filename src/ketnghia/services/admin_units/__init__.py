"""Administrative units and where each village was at a date.

Units (provinces, districts, communes) carry their period of validity, because official codes
are reused across a reorganisation. A village's `commune`/`district` text is its place as
recorded; its rows in `village_places` say which unit it belonged to from when to when.

- names: the text of unit names (the unit word, the key names are matched by);
- resolve: finding a commune by code or name, listing units, placing villages by their
  recorded text;
- places: where a village was at a date (what reports ask), its place history and moves;
- mapping: reading and loading an old→new mapping of units (the shipped one, or corrections);
- reform: the reorganisation of 1-7-2025, moving villages to the successor communes.
"""
