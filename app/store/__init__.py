"""The encrypted local store: SQLCipher engine, sessions, keys and migrations."""
