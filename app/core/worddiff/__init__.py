"""Word diff: the text of one row diffed token by token with diff-match-patch."""
