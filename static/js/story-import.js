// Paste or import a story: a paste into the story box keeps the clipboard's
// HTML (bold lines, quotes, links) in a hidden field, which the server
// sanitises and converts; the box itself shows the plain text.
document.querySelectorAll("[data-story-import-paste]").forEach((box) => {
  const hidden = box.form.querySelector("input[name=story_html]");
  box.addEventListener("paste", (event) => {
    const html = event.clipboardData && event.clipboardData.getData("text/html");
    if (html && hidden) {
      hidden.value = html;
    }
  });
  box.addEventListener("input", (event) => {
    if (event.inputType !== "insertFromPaste" && hidden && !box.value.trim()) {
      hidden.value = "";
    }
  });
});
