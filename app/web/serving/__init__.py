"""What every request goes through: rendering and errors, who is asking,
forms, caches, limits, throttles, trusted hosts, compression, the access log,
sign-on, link fetching and /docs."""
