"""Renderers of parse summaries and review reports: terminal text, Markdown, HTML, xlsx and JSON."""
