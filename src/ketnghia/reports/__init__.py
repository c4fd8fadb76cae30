"""Reports: queries that compute them in the database, and renderers for people."""
