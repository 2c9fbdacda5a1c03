// vanban serve: sort a table by clicking its header, filter rows by typed text (accents ignored),
// and show only one status in the task comparison. No build step, no library.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/đ/g, "d");
  }
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var text = cell.getAttribute("data-sort") || cell.textContent.trim();
    var number = Number(text.replace(/[%\s]/g, "").replace(",", "."));
    return text !== "" && !isNaN(number) ? number : fold(text);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.title = "Bấm để sắp xếp";
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          if (typeof x !== typeof y) { x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) return;
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  });
  // Mark the searched words in the results (on text nodes only: no HTML is ever built from text).
  document.querySelectorAll("[data-highlight]").forEach(function (root) {
    var terms = fold(root.getAttribute("data-highlight")).split(/\s+/).filter(Boolean);
    if (!terms.length) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, folded = "";
      for (var i = 0; i < text.length; i++) {  // one folded character per (NFC) character: offsets map back
        folded += (fold(text[i]) || text[i]).charAt(0);
      }
      var marks = [];
      terms.forEach(function (term) {
        for (var at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + term.length)) {
          marks.push([at, at + term.length]);
        }
      });
      if (!marks.length) return;
      marks.sort(function (a, b) { return a[0] - b[0]; });
      var fragment = document.createDocumentFragment(), last = 0;
      marks.forEach(function (m) {
        if (m[0] < last) return;
        fragment.appendChild(document.createTextNode(text.slice(last, m[0])));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(m[0], m[1]);
        fragment.appendChild(mark);
        last = m[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
  });
  var chips = document.querySelectorAll("#summary button[data-status]");
  var diff = document.getElementById("diff");
  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      var status = chip.getAttribute("data-status");
      chips.forEach(function (c) { c.classList.toggle("active", c === chip && status !== ""); });
      Array.prototype.forEach.call(diff.tBodies[0].rows, function (row) {
        row.hidden = status !== "" && row.getAttribute("data-status") !== status;
      });
    });
  });
})();
