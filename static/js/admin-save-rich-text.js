// Wagtail's rich-text editor (Draftail) copies what is typed into its form field 250 ms after
// the last change, so a form sent sooner (a quick "Save draft", Ctrl+S, "Submit for review")
// loses the last words. Copy every editor's content into its field before any admin form is
// sent or read: a button, a keyboard shortcut, form.submit(), or a FormData built by script
// (autosave, preview, the unsaved-changes check). Drop this file when Wagtail does it itself
// (docs/admin-fixes.md).
(() => {
  // The content exactly as Wagtail's own delayed save writes it. With commenting on, that save
  // belongs to the commentable wrapper (the editor's own saveState() then does nothing), which
  // keeps only the configured inline styles (comment highlights are not content) and writes
  // null for an empty editor.
  const content = (editor) => {
    const styles = (editor.props.inlineStyles || []).map((style) => style.type);
    const raw = window.DraftJS.convertToRaw(editor.getEditorState().getCurrentContent());
    for (const block of raw.blocks) {
      block.inlineStyleRanges = block.inlineStyleRanges.filter(
        (range) => styles.includes(range.style) && !range.style.startsWith("COMMENT-"),
      );
    }
    const empty = raw.blocks.every(
      (block) =>
        !block.text.trim() && !block.entityRanges.length && !block.inlineStyleRanges.length,
    );
    return empty ? null : raw;
  };

  const flush = (fields) => {
    for (const field of fields) {
      const editor = field.draftailEditor;
      if (!editor || typeof editor.getEditorState !== "function") continue;
      if (editor.props.onSave) {
        editor.saveState(); // Wagtail's own save, when the editor has one (commenting off)
        continue;
      }
      const value = JSON.stringify(content(editor));
      if (value !== field.value) {
        field.rawContentState = JSON.parse(value);
        field.value = value;
      }
    }
  };

  document.addEventListener("submit", (event) => flush(event.target.elements), true);
  document.addEventListener(
    "formdata",
    (event) => {
      // The data was collected before this event: put the fresh content into it too.
      flush(event.target.elements);
      for (const field of event.target.elements) {
        if (field.draftailEditor && field.name && event.formData.has(field.name)) {
          event.formData.set(field.name, field.value);
        }
      }
    },
    true,
  );
  // Ctrl/Cmd+S acts on keydown: flush before Wagtail's shortcut, whatever it is bound to.
  document.addEventListener(
    "keydown",
    (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key?.toLowerCase() === "s") {
        flush(document.querySelectorAll("input"));
      }
    },
    true,
  );
})();
