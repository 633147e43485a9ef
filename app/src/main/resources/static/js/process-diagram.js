// Draws each process instance's diagram with bpmn-js (the deployed XML) and marks where it stands:
// current steps, passed steps and flows, incidents. The page lists the same in text.
(function () {
  var diagrams = document.querySelectorAll(".diagram[data-xml-url]");
  if (diagrams.length === 0) {
    return;
  }
  if (typeof BpmnJS === "undefined") {
    diagrams.forEach(function (d) {
      d.textContent = "Le diagramme ne peut pas s'afficher : la bibliothèque bpmn-js n'est pas installée.";
    });
    return;
  }
  function ids(element, name) {
    var value = element.getAttribute(name) || "";
    return value.split(" ").filter(function (id) { return id.length > 0; });
  }
  diagrams.forEach(function (container) {
    var viewer = new BpmnJS({ container: container });
    fetch(container.getAttribute("data-xml-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        var canvas = viewer.get("canvas");
        var registry = viewer.get("elementRegistry");
        canvas.zoom("fit-viewport");
        function mark(list, marker) {
          list.forEach(function (id) {
            if (registry.get(id)) {
              canvas.addMarker(id, marker);
            }
          });
        }
        mark(ids(container, "data-passed"), "highlight-passed");
        mark(ids(container, "data-active"), "highlight-current");
        mark(ids(container, "data-incidents"), "highlight-incident");
        container.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        container.textContent = "Le diagramme ne peut pas s'afficher : " + error.message;
      });
  });
})();
