// Small progressive enhancements; every page works without them.
document.addEventListener("change", (e) => {
  const form = e.target.closest("form[data-autosubmit]");
  if (form) form.requestSubmit();
});

// A form with data-preview refreshes its preview frame a moment after typing stops: the same
// form posted to the preview URL into the frame (nothing is saved).
document.addEventListener("input", (e) => {
  const form = e.target.closest("form[data-preview]");
  if (!form) return;
  clearTimeout(form._previewTimer);
  form._previewTimer = setTimeout(() => {
    const action = form.action, target = form.target;
    form.action = form.dataset.previewAction;
    form.target = form.dataset.preview;
    form.submit();
    form.action = action;
    form.target = target;
  }, 800);
});
