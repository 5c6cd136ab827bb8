"""The four top-level views and the help screen."""
