// newsweave: light progressive enhancement. Every page works without this file.
(function () {
  "use strict";

  // Citations and matrix cells: the tip shows on hover and focus by CSS; a click (or tap) pins it open.
  function closeAll(except) {
    document.querySelectorAll(".cite-wrap.open").forEach(function (wrap) {
      if (wrap !== except) {
        wrap.classList.remove("open");
        var button = wrap.querySelector("button");
        if (button) button.setAttribute("aria-expanded", "false");
      }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".cite-wrap > button");
    if (!button) { closeAll(null); return; }
    var wrap = button.parentElement;
    var open = !wrap.classList.contains("open");
    closeAll(wrap);
    wrap.classList.toggle("open", open);
    wrap.classList.remove("closed");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var active = document.activeElement && document.activeElement.closest(".cite-wrap");
    closeAll(null);
    if (active) active.classList.add("closed");  // hide the focused tip too, until focus moves
  });

  document.addEventListener("focusout", function (event) {
    var wrap = event.target.closest && event.target.closest(".cite-wrap");
    if (wrap) wrap.classList.remove("closed");
  });

  // New story: one more textarea per click; show a status while the server weaves the brief.
  var add = document.getElementById("add-article");
  var texts = document.getElementById("texts");
  if (add && texts) {
    add.hidden = false;
    add.addEventListener("click", function () {
      var fields = texts.querySelectorAll(".text-field");
      var n = fields.length + 1;
      var field = fields[fields.length - 1].cloneNode(true);
      var label = field.querySelector("label");
      var area = field.querySelector("textarea");
      area.id = "text-" + n;
      area.value = "";
      label.setAttribute("for", area.id);
      label.textContent = "Article " + n;
      texts.insertBefore(field, add);
      area.focus();
    });
  }

  // Stories filter: leave empty fields out of the URL (?q=strike, not ?q=strike&outlet=&from=&to=).
  var filters = document.querySelector("form.filters");
  if (filters) {
    filters.addEventListener("submit", function () {
      filters.querySelectorAll("input, select").forEach(function (field) {
        if (!field.value) field.disabled = true;
      });
      window.setTimeout(function () {  // enabled again for when the user comes back to the page
        filters.querySelectorAll("input, select").forEach(function (field) { field.disabled = false; });
      }, 0);
    });
  }

  var form = document.getElementById("new-story");
  if (form) {
    form.addEventListener("submit", function () {
      var status = document.getElementById("status");
      var submit = form.querySelector("button[type=submit]");
      if (status) status.textContent = "Weaving the brief… this takes a few seconds.";
      if (submit) window.setTimeout(function () { submit.disabled = true; }, 0);
    });
  }
})();
