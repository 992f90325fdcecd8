"""One-click downloads of files written on demand: a button's handler writes the file into a download
box (:class:`gr.File`), then this page script clicks the box's link, so the browser saves it. The link
stays in the box for a second try."""

from __future__ import annotations

import json


def click_download_js(elem_id: str) -> str:
    """A page function that clicks the download link of the box ``elem_id`` once it shows the new file."""
    return _SCRIPT.replace("__ID__", json.dumps(elem_id))


_SCRIPT = """
() => {
  let tries = 0;
  const go = () => {
    const box = document.getElementById(__ID__);
    const link = box && box.querySelector('td.download a, a[download]');
    if (link && link.href) { link.click(); return; }
    if (++tries < 50) setTimeout(go, 100);
  };
  setTimeout(go, 100);
  return [];
}
"""
