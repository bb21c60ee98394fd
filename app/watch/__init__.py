"""Watched links: a separate process re-fetches them and adds versions to their story."""
