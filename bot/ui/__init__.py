"""What the features share on screen: vacancy cards, HTML helpers, message edits,
keyboard helpers, display names, the typing indicator."""
