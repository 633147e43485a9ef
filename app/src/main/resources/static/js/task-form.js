// Renders a task's Camunda form with form-js (the same JSON Tasklist renders) and sends what the
// person entered as the task's variables; the server checks them again against the form.
(function () {
  var container = document.getElementById("task-form");
  var submitForm = document.getElementById("complete-form");
  if (!container || !submitForm) {
    return;
  }
  var loading = document.getElementById("task-form-loading");
  if (typeof FormViewer === "undefined") {
    loading.textContent = "Le formulaire ne peut pas s'afficher : la bibliothèque form-js n'est pas installée.";
    return;
  }
  var schema = JSON.parse(container.getAttribute("data-schema"));
  var prefill = JSON.parse(container.getAttribute("data-prefill") || "{}");
  var form = new FormViewer.Form({ container: container });
  form.importSchema(schema, prefill).then(function () {
    loading.remove();
    container.setAttribute("data-ready", "true");
  }).catch(function (error) {
    loading.textContent = "Le formulaire ne peut pas s'afficher : " + error.message;
  });
  submitForm.addEventListener("submit", function (event) {
    var result = form.submit();
    if (result.errors && Object.keys(result.errors).length > 0) {
      event.preventDefault();
      var first = container.querySelector("[aria-invalid='true'], .fjs-has-errors input, .fjs-has-errors textarea");
      if (first) {
        first.focus();
      }
      return;
    }
    document.getElementById("variables").value = JSON.stringify(result.data);
  });
})();
