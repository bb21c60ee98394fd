"""The review of a comparison on the web: comments and marks, their pages,
forms, API and JSON, and the corrections list."""
