/* Appeals: rotation, banner dismissal and privacy-friendly measurement.
 *
 * The page holds every variant that may show in a place (data-appeal-placement),
 * all hidden but a default. Here one is chosen per place, by weight, for this
 * reader and this view: the server-rendered page stays the same for every
 * anonymous reader, so it can be cached. Without JavaScript the default shows
 * and nothing is counted.
 *
 * Counting: an impression when the chosen appeal is at least half in view, a
 * click when its button is followed; each goes to our own beacon endpoint with
 * the appeal and page ids only. No cookie, no identifier. A dismissed banner is
 * remembered in localStorage.
 *
 * Articles read: each article page this script runs on (data-article on the
 * script element) is noted in localStorage with the time, and the distinct
 * articles of the last 30 days are counted. The count is read only on pages
 * whose variants use it. The count never leaves the
 * browser: it only picks among the variants already in the page (those with
 * data-appeal-min / data-appeal-max) and fills {articles_read} in their copy.
 * A variant whose rule matches takes precedence over variants for any reader.
 *
 * The reader's country: the server sets a small cookie (newsroom_geo=DE, the
 * country code only) from the CDN's country header. With it, each ask's preset
 * amounts switch to that country's currency (the countries paying in each
 * enabled currency come with the script, data-currencies; each preset carries
 * its label and link in every currency, data-price-<code>/data-href-<code>),
 * and {country} in the copy becomes the country's name (Intl.DisplayNames).
 * Without the cookie, or without a price in that currency for every preset,
 * the default currency stays, and so does "your country".
 *
 * Speed: this script runs in the task that finishes the page's parsing, and
 * on a slow phone that task blocks the reader. So it does there only what
 * the reader sees (the choice of variants and their copy) and reads storage
 * and the cookie only when the page's variants need them; noting the
 * article and watching for impressions wait for an idle moment.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var beacon = script && script.getAttribute("data-beacon");
  var DISMISSED = "newsroom:dismissed-appeals";
  var READ = "newsroom:articles-read";
  var MONTH_MS = 30 * 24 * 60 * 60 * 1000;

  function storage() {
    try {
      return window.localStorage || null;
    } catch (error) {
      return null;  // storage blocked
    }
  }

  var article = script && script.getAttribute("data-article");

  function present(selector) {
    return document.querySelector(selector) !== null;
  }

  // After this task: on a fresh profile, storage is the slowest step of the
  // script, and this task is the one that finishes the page's parsing.
  var later = window.requestIdleCallback ?
    function (task) { window.requestIdleCallback(task, { timeout: 2000 }); } :
    function (task) { window.setTimeout(task, 0); };

  function articlesLog(store) {
    var now = Date.now();
    var read = {};
    try {
      read = JSON.parse(store.getItem(READ) || "{}") || {};
    } catch (error) { read = {}; }
    var kept = {};
    Object.keys(read).forEach(function (id) {
      if (typeof read[id] === "number" && now - read[id] < MONTH_MS) kept[id] = read[id];
    });
    if (article) kept[article] = now;
    return kept;
  }

  // The count is read now only when a variant's rule or copy uses it; this
  // article is noted in storage later.
  var log = null;
  var count = article ? 1 : 0;
  if (present("[data-appeal-min], [data-appeal-max], [data-articles-read]")) {
    var store = storage();
    if (store) {
      log = articlesLog(store);
      count = Object.keys(log).length;
    }
  }
  if (article) {
    later(function () {
      var store = storage();
      if (!store) return;
      try {
        store.setItem(READ, JSON.stringify(log || articlesLog(store)));
      } catch (error) { /* storage full or blocked: nothing is remembered */ }
    });
  }

  function hasRule(element) {
    return element.getAttribute("data-appeal-min") !== null ||
      element.getAttribute("data-appeal-max") !== null;
  }

  function fits(element) {
    var min = element.getAttribute("data-appeal-min");
    var max = element.getAttribute("data-appeal-max");
    return (min === null || count >= Number(min)) && (max === null || count <= Number(max));
  }

  function byRule(variants) {
    var matching = variants.filter(fits);
    var targeted = matching.filter(hasRule);
    return targeted.length ? targeted : matching;
  }

  function dismissed() {
    try {
      return JSON.parse(window.localStorage.getItem(DISMISSED) || "[]");
    } catch (error) {
      return [];
    }
  }

  function remember(id) {
    try {
      var ids = dismissed();
      if (ids.indexOf(id) === -1) ids.push(id);
      window.localStorage.setItem(DISMISSED, JSON.stringify(ids.slice(-50)));
    } catch (error) { /* storage off: the banner comes back next time */ }
  }

  function send(event, element) {
    if (!beacon || !navigator.sendBeacon) return;
    var data = new URLSearchParams();
    data.set("event", event);
    data.set("appeal", element.getAttribute("data-appeal-id"));
    data.set("page", element.getAttribute("data-appeal-page") || "0");
    navigator.sendBeacon(beacon, data);
  }

  function choose(variants) {
    var total = 0;
    variants.forEach(function (v) { total += Number(v.getAttribute("data-appeal-weight")) || 1; });
    var point = Math.random() * total;
    for (var i = 0; i < variants.length; i++) {
      point -= Number(variants[i].getAttribute("data-appeal-weight")) || 1;
      if (point < 0) return variants[i];
    }
    return variants[variants.length - 1];
  }

  function readerCountry() {
    var match = /(?:^|;\s*)newsroom_geo=([A-Z]{2})(?:;|$)/.exec(document.cookie);
    return match ? match[1] : "";
  }

  function currencyOf(country) {
    var table = {};
    try {
      table = JSON.parse((script && script.getAttribute("data-currencies")) || "{}") || {};
    } catch (error) { table = {}; }
    var found = "";
    Object.keys(table).forEach(function (code) {
      if (/^[a-z]{3}$/.test(code) && String(table[code]).split(" ").indexOf(country) !== -1) {
        found = code;
      }
    });
    return found;
  }

  function countryName(country) {
    try {
      var lang = document.documentElement.lang || "en";
      return new Intl.DisplayNames([lang], { type: "region" }).of(country) || "";
    } catch (error) {
      return "";  // no Intl.DisplayNames: "your country" stays
    }
  }

  // The cookie is read only when an ask has amounts or copy to localize.
  var country = present("[data-appeal-id] [data-preset], [data-appeal-id] [data-country]") ?
    readerCountry() : "";
  var currency = country ? currencyOf(country) : "";
  var countryText = country ? countryName(country) : "";

  function localize(element) {
    var presets = element.querySelectorAll("[data-preset]");
    if (currency && presets.length &&
        element.querySelectorAll("[data-price-" + currency + "]").length === presets.length) {
      presets.forEach(function (link) {
        link.textContent = link.getAttribute("data-price-" + currency);
        link.setAttribute("href", link.getAttribute("data-href-" + currency));
      });
    }
    if (countryText) {
      element.querySelectorAll("[data-country]").forEach(function (span) {
        span.textContent = countryText;
      });
    }
  }

  var places = {};
  document.querySelectorAll("[data-appeal-id]").forEach(function (element) {
    localize(element);
    var place = element.getAttribute("data-appeal-placement");
    (places[place] = places[place] || []).push(element);
  });

  var shown = [];
  Object.keys(places).forEach(function (place) {
    var variants = places[place];
    if (place === "banner") {
      var gone = dismissed();
      variants = variants.filter(function (v) {
        return gone.indexOf(v.getAttribute("data-appeal-id")) === -1;
      });
    }
    variants = byRule(variants);
    var chosen = variants.length ? choose(variants) : null;
    places[place].forEach(function (element) { element.hidden = element !== chosen; });
    if (chosen) shown.push(chosen);
  });

  shown.forEach(function (element) {
    element.querySelectorAll("[data-articles-read]").forEach(function (span) {
      span.textContent = String(count);
    });
    element.querySelectorAll("[data-appeal-cta]").forEach(function (cta) {
      cta.addEventListener("click", function () { send("click", element); });
    });
    var dismiss = element.querySelector("[data-appeal-dismiss]");
    if (dismiss) {
      dismiss.hidden = false;
      dismiss.addEventListener("click", function () {
        remember(element.getAttribute("data-appeal-id"));
        element.hidden = true;
      });
    }
  });

  // Impressions are watched from the task after this one.
  if (!("IntersectionObserver" in window)) return;
  later(function () {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && !entry.target.hidden) {
          send("impression", entry.target);
          observer.unobserve(entry.target);
        }
      });
    }, { threshold: 0.5 });
    shown.forEach(function (element) { observer.observe(element); });
  });
})();
