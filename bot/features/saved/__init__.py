"""The saved feature."""
