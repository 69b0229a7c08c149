"""Appeals on reader pages: who sees which (``selection``), where in the page
(``placing``), the counters (``counters``) and goal progress (``goals``).

How this works with a full-page cache: reader pages are cached only for
requests without a session (anonymous readers); signed-in readers always get
a freshly rendered, private page. So the appeal is chosen on the server for
the request's audience, and the HTML for anonymous readers is the same for
every anonymous request: no randomness, no cookie, no CSRF token. When
several variants compete for one place, all of them are in the page (with
their weights and ids) and ``static/js/appeals.js`` picks one in the browser;
without JavaScript the first (deterministic) variant shows.
"""
