"""The job-search domain: pure rules and types (no database, HTTP or Telegram)."""
