"""Diptych's web application: pages, API and JSON twins over the service."""
