/* Live pages: show new entries without a reload and without moving the page.
 *
 * Polls the page's fragment (data-live-poll: the newest entries, the same for
 * every reader and cached by the CDN for a few seconds) every
 * data-live-interval seconds while the tab is visible, with If-None-Match so
 * an unchanged fragment costs a 304. Hidden tab or failed request: the wait
 * doubles (up to 5 minutes); back in view: one poll at once. New entries wait
 * behind a "N new updates" button; a click inserts them above the first entry
 * and keeps what the reader is reading where it was. The fragment also
 * carries each entry's version, the latest edits of older entries and the
 * latest deletions: an entry on screen (or waiting) whose version is newer is
 * replaced, a deleted one removed, at once and without moving what the reader
 * is reading. It carries the key-events list too, which replaces the page's
 * when it differs (a new key event, an entry that becomes or stops being one,
 * a title edited, a deletion), again without moving what the reader is
 * reading; a key event's link goes to its entry's anchor once the entry is on
 * screen (before, to its share link; clicking a key event still waiting
 * behind the button shows the waiting updates and goes to it). Stops when the
 * page has ended. Without this script the page is complete; only polling is
 * missing.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-live-poll]");
  var list = document.getElementById("live-entries");
  if (!root || !list || root.getAttribute("data-live-status") !== "live") return;

  var url = root.getAttribute("data-live-poll");
  var interval = (parseInt(root.getAttribute("data-live-interval"), 10) || 20) * 1000;
  var MAX_WAIT = 300000;
  var bar = root.querySelector(".live__new");
  var button = bar.querySelector("button");
  var announce = root.querySelector("[data-live-announce]");
  var keys = root.querySelector("[data-live-key-events]");
  var wait = interval;
  var etag = null;
  var timer = null;
  var pending = []; // elements, newest first
  var known = {};
  Array.prototype.forEach.call(list.querySelectorAll("[data-entry-id]"), function (el) {
    known[el.getAttribute("data-entry-id")] = true;
  });

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, delay);
  }

  function stop() {
    window.clearTimeout(timer);
    timer = null;
    root.setAttribute("data-live-status", "ended");
  }

  function label(count) {
    return count === 1 ? "1 new update" : count + " new updates";
  }

  function showPending() {
    if (pending.length) {
      button.textContent = label(pending.length);
      bar.hidden = false;
    } else {
      bar.hidden = true;
    }
  }

  function version(el) {
    return Number(el.getAttribute("data-entry-version")) || 0;
  }

  function onScreen(id) {
    return list.querySelector('[data-entry-id="' + id + '"]');
  }

  function pendingIndex(id) {
    for (var i = 0; i < pending.length; i++) {
      if (pending[i].getAttribute("data-entry-id") === id) return i;
    }
    return -1;
  }

  // A newer version of an entry the reader has (on screen or waiting).
  function edit(el) {
    var id = el.getAttribute("data-entry-id");
    var shown = onScreen(id);
    if (shown && version(el) > version(shown)) {
      var fresh = document.importNode(el, true);
      if (shown.classList.contains("live-entry--new")) fresh.classList.add("live-entry--new");
      keepPlace(null, function () {
        shown.parentNode.replaceChild(fresh, shown);
      });
      return;
    }
    var waiting = pendingIndex(id);
    if (waiting >= 0 && version(el) > version(pending[waiting])) {
      pending[waiting] = document.importNode(el, true);
    }
  }

  function remove(id) {
    known[id] = true;
    var shown = onScreen(id);
    if (shown) {
      keepPlace(shown, function () {
        shown.parentNode.removeChild(shown);
      });
    }
    var waiting = pendingIndex(id);
    if (waiting >= 0) {
      pending.splice(waiting, 1);
      showPending();
    }
  }

  // Key events whose entry is on screen link to its anchor; the others keep
  // their share link (it opens the page the entry is on).
  function linkKeyEvents() {
    if (!keys) return;
    Array.prototype.forEach.call(keys.querySelectorAll("a[data-key-event]"), function (a) {
      var id = a.getAttribute("data-key-event");
      if (onScreen(id)) a.setAttribute("href", "#entry-" + id);
    });
  }

  function keyEventsText(el) {
    return Array.prototype.map.call(el.querySelectorAll("a[data-key-event]"), function (a) {
      return a.getAttribute("data-key-event") + " " + a.textContent;
    }).join("\n");
  }

  // The fragment's key-events list, when it is not the page's.
  function updateKeyEvents(fresh) {
    if (!keys || !fresh || keyEventsText(fresh) === keyEventsText(keys)) return;
    keepPlace(null, function () {
      while (keys.firstChild) keys.removeChild(keys.firstChild);
      Array.prototype.forEach.call(fresh.childNodes, function (node) {
        keys.appendChild(document.importNode(node, true));
      });
      linkKeyEvents();
    });
  }

  function receive(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fragment = doc.querySelector("[data-live-status]");
    if (!fragment) return;
    var fresh = [];
    Array.prototype.forEach.call(fragment.children, function (el) {
      var id = el.getAttribute("data-entry-id");
      if (!id) return;
      if (known[id]) {
        edit(el);
      } else {
        known[id] = true;
        fresh.push(document.importNode(el, true));
      }
    });
    Array.prototype.forEach.call(
      fragment.querySelectorAll("[data-live-edited] [data-entry-id]"),
      edit
    );
    Array.prototype.forEach.call(
      fragment.querySelectorAll("[data-deleted-id]"),
      function (el) { remove(el.getAttribute("data-deleted-id")); }
    );
    if (fresh.length) {
      pending = fresh.concat(pending);
      showPending();
      announce.textContent = label(pending.length);
    }
    updateKeyEvents(fragment.querySelector("[data-live-key-events]"));
    if (fragment.getAttribute("data-live-status") !== "live") stop();
  }

  function poll() {
    if (document.hidden) {
      wait = Math.min(wait * 2, MAX_WAIT);
      schedule(wait);
      return;
    }
    var headers = etag ? { "If-None-Match": etag } : {};
    window.fetch(url, { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status === 304) return null;
        if (!response.ok) throw new Error("poll " + response.status);
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html) receive(html);
        wait = interval;
        if (root.getAttribute("data-live-status") === "live") schedule(wait);
      })
      .catch(function () {
        wait = Math.min(wait * 2, MAX_WAIT);
        schedule(wait);
      });
  }

  // The first entry whose bottom is in view (other than one about to go):
  // it must not move.
  function anchor(leaving) {
    var entries = list.querySelectorAll("[data-entry-id]");
    for (var i = 0; i < entries.length; i++) {
      if (entries[i] !== leaving && entries[i].getBoundingClientRect().bottom > 0) {
        return entries[i];
      }
    }
    return null;
  }

  // Run change() (which may remove ``leaving``) and scroll back by however
  // far it moved what the reader is reading.
  function keepPlace(leaving, change) {
    var keep = window.scrollY > 0 ? anchor(leaving) : null;
    var id = keep && keep.getAttribute("data-entry-id");
    var before = keep ? keep.getBoundingClientRect().top : 0;
    change();
    if (keep) {
      // The anchor itself may have been replaced by a newer version.
      var now = onScreen(id);
      // Browsers without scroll anchoring (or with it off) would move it.
      var moved = now ? now.getBoundingClientRect().top - before : 0;
      // At once: the site scrolls smoothly, which would show the page moving.
      if (moved) window.scrollBy({ top: moved, left: 0, behavior: "instant" });
    }
  }

  function insert() {
    keepPlace(null, function () {
      var first = list.querySelector("[data-entry-id]");
      for (var i = pending.length - 1; i >= 0; i--) {
        var el = pending[i];
        el.classList.add("live-entry--new");
        list.insertBefore(el, first);
        first = el;
      }
    });
    announce.textContent = label(pending.length) + " shown";
    pending = [];
    bar.hidden = true;
    linkKeyEvents();
  }

  button.addEventListener("click", insert);
  // A key event still waiting behind the button: show the waiting updates;
  // the link, now to the entry's anchor, then takes the reader to it.
  if (keys) {
    keys.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-key-event]") : null;
      if (link && pendingIndex(link.getAttribute("data-key-event")) >= 0) insert();
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer !== null) {
      wait = interval;
      schedule(0);
    }
  });
  schedule(interval);
})();
