"""/searches: a person's named searches and each one's digest schedule."""
