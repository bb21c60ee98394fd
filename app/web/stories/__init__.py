"""A story of many versions on the web: its pages, forms, API and JSON twin,
its frame around a comparison, and its watched links."""
