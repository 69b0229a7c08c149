// The admin's page editor, beyond Wagtail's own behaviour (articles/wagtail_hooks.py
// adds this file to every editing screen; docs/editing.md says what it does).
(() => {
  // Slugs made from the headline: at most 60 characters, cut at a word, as
  // articles/slugs.py cuts them on the server.
  const MAX_SLUG = 60;
  const capSlug = (slug) => {
    if (slug.length <= MAX_SLUG) return slug;
    const cut = slug.slice(0, MAX_SLUG + 1);
    const end = cut.lastIndexOf("-");
    return end > 0 ? cut.slice(0, end) : slug.slice(0, MAX_SLUG);
  };

  // Wagtail's slug field announces each value it takes from the title.
  document.addEventListener(
    "w-slug:applied",
    (event) => {
      if (event.detail && event.detail.action === "urlify") {
        event.target.value = capSlug(event.target.value);
      }
    },
    true,
  );

  // Before the slug field compares itself with the title (to decide whether
  // it still follows the title), tell it that a capped slug of this title
  // counts as following it.
  document.addEventListener(
    "w-sync:check",
    (event) => {
      const slug = event.target;
      const app = window.wagtail && window.wagtail.app;
      const slugger = app && app.getControllerForElementAndIdentifier(slug, "w-slug");
      if (!slugger || !slug.value || !event.detail) return;
      const full = slugger.urlify({ detail: { value: event.detail.value } }, { ignoreUpdate: true });
      if (full !== slug.value && capSlug(full) === slug.value) {
        event.detail.value = slug.value;
      }
    },
    true,
  );

  // The schedule dialog's date pickers open in the dialog's flow, under their
  // field, instead of floating over the next field and "Save schedule".
  document.addEventListener("focusin", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !window.jQuery) return;
    if (!input.closest("#schedule-publishing-dialog")) return;
    const picker = window.jQuery(input).data("xdsoft_datetimepicker");
    if (picker && picker[0]) {
      picker[0].classList.add("schedule-picker");
      input.after(picker[0]);
    }
  });
})();
