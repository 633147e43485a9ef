// Staff pages: htmx requests carry the CSRF token of the page (Spring Security checks every POST).
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// "Select all" checkboxes: <input type="checkbox" data-select-all="name-of-the-boxes other-name">
document.addEventListener("change", function (event) {
  var names = event.target.getAttribute && event.target.getAttribute("data-select-all");
  if (names) {
    names.split(/\s+/).forEach(function (name) {
      document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
        box.checked = event.target.checked;
      });
    });
  }
});

// A form sent back with errors: the summary takes the focus, so a screen reader reads it first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
