"""Paste or import a story: pasted HTML (a browser, Google Docs, Word), plain
text or a .docx file becomes article body blocks (``convert``), shown to the
editor before it replaces anything (``views``)."""
