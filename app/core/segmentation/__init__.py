"""Segmentation: a text cut into paragraphs, then sentences and headings."""
