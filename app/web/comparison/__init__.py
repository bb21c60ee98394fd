"""The comparison page's view: rows, marks, classes, the change list, moves,
sources, summaries and the comparison as a page or JSON twin shows it."""
