"""The upload size limit, told in Chinese before the browser sends a byte.

gradio's own limit (``max_file_size``) stays on as the server's hard stop, but its message is English; the
script below checks files on the page first and shows the Chinese message under the upload box.
"""

from __future__ import annotations

import json

MESSAGE = "文件“{name}”大小 {size}，超过上限 {limit}，未上传。请拆分后分别上传，或只粘贴需要审核的部分。"


def upload_guard_js(limit_bytes: int) -> str:
    """A page-load function that rejects too-large files dropped or chosen in any upload box."""
    return _SCRIPT.replace("__LIMIT__", str(int(limit_bytes))).replace(
        "__TEMPLATE__", json.dumps(MESSAGE, ensure_ascii=False))


_SCRIPT = """
() => {
  const limit = __LIMIT__;
  const template = __TEMPLATE__;
  const size = (n) => n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
  const say = (box, text) => {
    let note = box.parentElement.querySelector(':scope > .jixiao-upload-limit');
    if (!note) {
      note = document.createElement('div');
      note.className = 'jixiao-upload-limit';
      note.setAttribute('role', 'alert');
      note.style.cssText = 'color:#b91c1c;font-weight:600;margin:6px 2px;';
      box.insertAdjacentElement('afterend', note);
    }
    note.textContent = text;
  };
  const guard = (event, files) => {
    const box = event.target.closest && event.target.closest('[id$="-upload"]');
    if (!box || !files) return;
    const big = [...files].find((f) => f.size > limit);
    say(box, big ? template.replace('{name}', big.name).replace('{size}', size(big.size))
                           .replace('{limit}', size(limit)) : '');
    if (big) {
      event.stopImmediatePropagation();
      event.preventDefault();
      if (event.target.value !== undefined) event.target.value = '';
    }
  };
  document.addEventListener('change', (e) => guard(e, e.target.files), true);
  document.addEventListener('drop', (e) => guard(e, e.dataTransfer && e.dataTransfer.files), true);
}
"""
