"""The preferences feature."""
