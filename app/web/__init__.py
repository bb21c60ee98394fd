"""Diptych's web application: pages, API and JSON twins over the service.

`app.create_app` builds it. At the top are the comparisons' own routes
(`pages`, `api`, with `forms`, `schemas` and `deps`) and `urls`, where every
shareable URL is built. Each folder is one resource or concern:
`comparison` (what the comparison page shows), `review` (comments, marks,
corrections), `stories` (stories and their watched links), `exports` (Word,
HTML and PDF), `serving` (what every request goes through).
"""
