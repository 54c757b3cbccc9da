"""Export formats for takedown lists, one module per format, all built from the same store query."""
