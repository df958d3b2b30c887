"""Loading units in bulk: the official divisions from `vietnam-provinces`, or a CSV/XLSX list.

- `vn_divisions`: the 34 provinces and 3,321 communes/wards/special zones, in one bulk write;
- `tabular`: reading and checking a CSV/XLSX file (pure: bytes in, rows and errors out);
- `kinds`: unit kinds as people write them ("Phường", "don vi su nghiep", "office");
- `plan`: matching the checked rows against the tree (reads only);
- `apply`: writing a plan through the unit services (`units_import_table`);
- `references`: finding units by id or official code;
- `report`: the errors (with stable codes), differences and counts an import hands back.

The management commands `import_units` and `units` only parse arguments and print.
"""
