"""The start feature."""
