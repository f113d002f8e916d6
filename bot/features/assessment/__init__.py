"""The assessment feature."""
