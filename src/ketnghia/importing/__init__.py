"""Batch import of the spreadsheets agencies send: readers, header aliases, validation."""
