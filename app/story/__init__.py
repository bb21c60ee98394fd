"""Stories: 2 to 50 versions of one article, read as a timeline (each version
against the one before) or as one source and its copies (each against a base)."""

from app.story.digest import MATTERS, Notable, PairDigest
from app.story.inputs import Duplicate, VersionInput
from app.story.service import CreatedStory, StoryService, copies_of, steps_of

__all__ = [
    "MATTERS",
    "CreatedStory",
    "Duplicate",
    "Notable",
    "PairDigest",
    "StoryService",
    "VersionInput",
    "copies_of",
    "steps_of",
]
