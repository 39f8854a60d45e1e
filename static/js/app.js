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

// A state change the clerk cannot undo asks first: <form data-confirm="…">; with
// data-confirm-field="status" data-confirm-value="结案" only when that field has that value.
document.addEventListener("submit", (e) => {
  const form = e.target.closest("form[data-confirm]");
  if (!form) return;
  const field = form.dataset.confirmField;
  if (field && form.elements[field]?.value !== form.dataset.confirmValue) return;
  if (!window.confirm(form.dataset.confirm)) e.preventDefault();
});

// Folded filters start open on a wide screen, where they sit beside the results.
if (window.matchMedia("(min-width: 761px)").matches) {
  document.querySelectorAll("details[data-open-wide]").forEach((d) => { d.open = true; });
}
