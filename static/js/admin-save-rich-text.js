// Wagtail's rich-text editor (Draftail) copies what is typed into its form field 250 ms after
// the last change, so a form sent sooner (a quick "Save draft", Ctrl+S, "Submit for review")
// loses the last words. Copy every editor's content into the form before it is sent, however it
// is sent: a button, a keyboard shortcut, form.submit() or a FormData built by script. Drop this
// file when Wagtail does it itself (docs/admin-fixes.md).
(() => {
  const editors = (form) =>
    [...form.querySelectorAll("input")].filter(
      (input) => input.draftailEditor && typeof input.draftailEditor.saveState === "function",
    );
  document.addEventListener(
    "submit",
    (event) => editors(event.target).forEach((input) => input.draftailEditor.saveState()),
    true,
  );
  document.addEventListener(
    "formdata",
    (event) => {
      for (const input of editors(event.target)) {
        input.draftailEditor.saveState();
        if (input.name) event.formData.set(input.name, input.value);
      }
    },
    true,
  );
})();
