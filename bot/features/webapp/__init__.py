"""The Mini App feature: /app and its "Open app" button."""
