/* The newsletter send page: while an issue is sending, fetch its progress
 * (data-poll: the same fragment the page includes) every 3 seconds and swap it
 * in; stop when the fragment no longer asks to be polled (the issue is sent)
 * or after a failed request, leaving the Refresh link. Without this script the
 * page is complete and Refresh reloads it.
 */
(function () {
  "use strict";
  var INTERVAL = 3000;

  function poll() {
    var current = document.getElementById("send-progress");
    var url = current && current.getAttribute("data-poll");
    if (!url) return;
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("send-progress");
        if (!fresh) return;
        current.replaceWith(document.importNode(fresh, true));
        window.setTimeout(poll, INTERVAL);
      })
      .catch(function () {});
  }

  window.setTimeout(poll, INTERVAL);
})();
