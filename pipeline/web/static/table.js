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
