"""HTML input: decoding, the block walker, edits applied to the tree, and ``clean_html``."""
