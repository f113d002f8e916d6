"""/market: salaries and skills in demand for the person's role and city, as a chart."""
