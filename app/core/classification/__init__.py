"""Classification: what kind of change each change of a row is."""
