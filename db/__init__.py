"""The only code that touches SQLite: schema, migrations and the store."""
